// The one versions file: images are pinned and sane, the digest policy holds, the Dockerfiles use
// the base image it names, and package.json's Pulumi packages match the toolchain's binaries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  IMAGES,
  TOOL_VERSIONS,
  checkImage,
  imageRef,
  parseImageRef,
  parseVersionsEnv,
} from '../../../core/versions';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('core/versions', () => {
  it('pins every image with a tag and valid optional digest', () => {
    for (const [name, image] of Object.entries(IMAGES))
      expect(() => checkImage(name, image)).not.toThrow();
  });

  it('keeps package.json @pulumi/pulumi and @pulumi/kubernetes at the toolchain versions', () => {
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    const checks: [string, string][] = [
      ['@pulumi/pulumi', 'PULUMI_VERSION'],
      ['@pulumi/kubernetes', 'PULUMI_KUBERNETES_VERSION'],
    ];
    // Any other provider package is checked too once the toolchain builds its plugin.
    for (const dep of Object.keys(deps).filter((d) => d.startsWith('@pulumi/'))) {
      const key = `PULUMI_${dep.slice('@pulumi/'.length).toUpperCase().replace(/-/g, '_')}_VERSION`;
      if (TOOL_VERSIONS[key] && !checks.some(([d]) => d === dep)) checks.push([dep, key]);
    }
    for (const [dep, key] of checks) {
      expect({ dep, version: deps[dep] }).toEqual({
        dep,
        version: TOOL_VERSIONS[key].replace(/^v/, ''),
      });
    }
  });

  it('builds both Dockerfiles from IMAGES.node', () => {
    const expected = `${IMAGES.node.repository}:${IMAGES.node.tag}`;
    for (const file of ['serving/Dockerfile', 'training/Dockerfile']) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect({ file, base: /^ARG NODE_IMAGE=(\S+)$/m.exec(text)?.[1] }).toEqual({
        file,
        base: expected,
      });
      expect(text).toMatch(/^USER 10001:10001$/m);
    }
  });

  it('requires digests in staging and prod only', () => {
    const image = { repository: 'r/x', tag: '1.0' };
    expect(imageRef('x', image, 'local')).toBe('r/x:1.0');
    expect(() => imageRef('x', image, 'prod')).toThrow(
      'image x: environment "prod" requires a digest',
    );
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(imageRef('x', { ...image, digest }, 'prod')).toBe(`r/x:1.0@${digest}`);
    expect(() => checkImage('x', { ...image, tag: 'latest' })).toThrow(/latest/);
    expect(() => checkImage('x', { ...image, digest: 'sha256:abc' })).toThrow(/digest/);
  });

  it('parses image references and versions files, naming bad input', () => {
    const digest = `sha256:${'f'.repeat(64)}`;
    expect(parseImageRef(`localhost:5000/serving:abc123@${digest}`)).toEqual({
      repository: 'localhost:5000/serving',
      tag: 'abc123',
      digest,
    });
    expect(() => parseImageRef('localhost:5000/serving')).toThrow(/needs a tag or a digest/);
    expect(parseVersionsEnv('# c\nA_B=1.2\n\nC="x"\n')).toEqual({ A_B: '1.2', C: 'x' });
    expect(() => parseVersionsEnv('A=1\nnot a line\n', 'v.env')).toThrow('v.env:2');
  });
});
