// `mlops stack pin` / `pr-init` produce stack files the infra config parser accepts, keep the
// comments of committed files, and refuse undigested images or bad numbers without writing.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildProgram } from '../../cli/program';
import { parseStackConfig, type StackConfig } from '../../infra/config';
import type { ConfigKey } from '../../infra/config-schema';

const root = join(__dirname, '..', '..');
const digest = (c: string) => `registry.example.com/mlops-stack/serving@sha256:${c.repeat(64)}`;

async function mlops(...args: string[]): Promise<void> {
  await buildProgram()
    .exitOverride()
    .parseAsync(['node', 'mlops', ...args]);
}

function parseFile(path: string, stack: string, now = new Date()): StackConfig {
  const config = (parse(readFileSync(path, 'utf8')) as { config: Record<string, unknown> }).config;
  const raw = Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k.replace(/^mlops-stack:/, ''), v]),
  );
  return parseStackConfig(raw as Partial<Record<ConfigKey, unknown>>, {
    project: 'mlops-stack',
    stack,
    repoRoot: root,
    now,
  });
}

describe('mlops stack', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stack-files-'));
    copyFileSync(join(root, 'Pulumi.prod.yaml'), join(dir, 'Pulumi.prod.yaml'));
  });

  it('pins a model version and an image digest, keeping comments, and infra accepts it', async () => {
    const before = readFileSync(join(dir, 'Pulumi.prod.yaml'), 'utf8');
    await mlops(
      'stack',
      'pin',
      'prod',
      '--dir',
      dir,
      '--model-version',
      '7',
      '--image',
      `serving=${digest('b')}`,
    );
    const after = readFileSync(join(dir, 'Pulumi.prod.yaml'), 'utf8');
    expect(after.split('\n').filter((l) => l.startsWith('#'))).toEqual(
      before.split('\n').filter((l) => l.startsWith('#')),
    );
    const config = parseFile(join(dir, 'Pulumi.prod.yaml'), 'prod');
    expect(config.serving.model.version).toBe(7);
    expect(config.serving.image).toBe(digest('b'));
  });

  it('refuses an undigested image and leaves the file untouched', async () => {
    const before = readFileSync(join(dir, 'Pulumi.prod.yaml'), 'utf8');
    await expect(
      mlops('stack', 'pin', 'prod', '--dir', dir, '--image', 'serving=repo/serving:latest'),
    ).rejects.toThrow(/pinned by digest/);
    await expect(
      mlops('stack', 'pin', 'prod', '--dir', dir, '--model-version', '0'),
    ).rejects.toThrow(/positive integer/);
    await expect(
      mlops('stack', 'pin', 'nope', '--dir', dir, '--model-version', '2'),
    ).rejects.toThrow(/no stack file/);
    expect(readFileSync(join(dir, 'Pulumi.prod.yaml'), 'utf8')).toBe(before);
  });

  it('writes an ephemeral PR stack the parser reads as a preview stack expiring after the TTL', async () => {
    await mlops(
      'stack',
      'pr-init',
      '42',
      '--dir',
      dir,
      '--platform',
      'organization/mlops-stack/local',
      '--serving-image',
      digest('c'),
      '--training-image',
      digest('d'),
      '--ttl-hours',
      '48',
    );
    const config = parseFile(join(dir, 'Pulumi.pr-42.yaml'), 'pr-42');
    expect(config.mode).toBe('preview');
    if (config.mode !== 'preview') return;
    expect(config.preview.prNumber).toBe(42);
    const hours = (Date.parse(config.preview.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);
    // After its expiry the stack's own config refuses to deploy.
    expect(() =>
      parseFile(join(dir, 'Pulumi.pr-42.yaml'), 'pr-42', new Date(Date.now() + 49 * 3_600_000)),
    ).toThrow(/has passed/);
  });

  it('validates pr-init arguments', async () => {
    const base = [
      'stack',
      'pr-init',
      '5',
      '--dir',
      dir,
      '--serving-image',
      'a',
      '--training-image',
      'b',
    ];
    await expect(mlops(...base, '--platform', 'local')).rejects.toThrow(
      /<org>\/<project>\/<stack>/,
    );
    await expect(mlops(...base, '--platform', 'o/p/s', '--ttl-hours', '0')).rejects.toThrow(
      /ttl-hours/,
    );
  });
});
