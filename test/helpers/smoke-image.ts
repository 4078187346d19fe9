// The real node's smoke image: a base assembled with buildah from Debian's busybox-static package
// (apt-get download, no hand-written image layout), then test/e2e/fixtures/smoke/Dockerfile built
// on it with buildah bud and pushed to the node's registry.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildah, pushToRegistry } from '../../cli/cluster/node/images';
import { REGISTRY_ALIASES } from '../../cli/cluster/node/layout';

const BASE = 'localhost/mlops-smoke-base:1';
const FIXTURE = path.resolve(__dirname, '..', 'e2e', 'fixtures', 'smoke');
export const SMOKE_IMAGE = `${REGISTRY_ALIASES[0]}/mlops/smoke:1`;

async function assembleBase(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-base-'));
  try {
    execFileSync('apt-get', ['download', 'busybox-static'], { cwd: work, stdio: 'pipe' });
    const deb = fs.readdirSync(work).find((f) => f.endsWith('.deb'))!;
    execFileSync('dpkg', ['-x', deb, 'root'], { cwd: work, stdio: 'pipe' });
    fs.writeFileSync(
      path.join(work, 'passwd'),
      'root:x:0:0::/:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n',
    );
    fs.writeFileSync(path.join(work, 'group'), 'root:x:0:\nnogroup:x:65534:\n');
    const c = await buildah(['from', 'scratch']);
    await buildah(['copy', c, path.join(work, 'root', 'bin', 'busybox'), '/bin/busybox']);
    await buildah(['copy', c, path.join(work, 'passwd'), '/etc/passwd']);
    await buildah(['copy', c, path.join(work, 'group'), '/etc/group']);
    await buildah(['run', '--isolation', 'chroot', c, '/bin/busybox', '--install', '-s', '/bin']);
    await buildah(['config', '--env', 'PATH=/bin', c]);
    await buildah(['commit', '--rm', c, BASE]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Builds (base once, cached in buildah's storage) and pushes the smoke image; returns its ref. */
export async function buildSmokeImage(): Promise<string> {
  const images = await buildah(['images', '--format', '{{.Name}}:{{.Tag}}']);
  if (!images.split('\n').includes(BASE)) await assembleBase();
  await buildah([
    'bud',
    '--isolation',
    'chroot',
    '--pull=never',
    '-t',
    'localhost/mlops-smoke:1',
    FIXTURE,
  ]);
  await pushToRegistry('localhost/mlops-smoke:1', SMOKE_IMAGE);
  return SMOKE_IMAGE;
}
