// `mlops reap` against real ephemeral stacks on a local file backend, through scripts/pulumi.sh:
// an expired stack is destroyed and removed, a fresh one and a closed-PR one behave as decided,
// and a dry run changes nothing.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { reap } from '../../cli/reap/reap';
import { pulumiBackend } from '../../cli/reap/pulumi-backend';
import { describeWhen, findExecutable } from '../helpers/requirements';

jest.setTimeout(300_000);
const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures/reap-stack');
const missing = ['pulumi', 'pulumi-language-nodejs'].filter((t) => !findExecutable(t));

describeWhen(
  missing.length ? `reaper test needs ${missing.join(', ')} (npm run toolchain)` : undefined,
)('mlops reap on real stacks', () => {
  const work = path.join(REPO, '.data/e2e/reap', `reap-stack-${process.pid}`);
  const env = {
    ...process.env,
    MLOPS_PULUMI_PROJECT_DIR: work,
    MLOPS_PULUMI_BACKEND: `file://${path.join(work, 'state')}`,
    PULUMI_CONFIG_PASSPHRASE: '',
  };
  const sh = (...args: string[]) =>
    run('bash', [path.join(REPO, 'scripts/pulumi.sh'), ...args], { env, maxBuffer: 32 << 20 }).then(
      (r) => r.stdout,
    );
  const stacks = async () =>
    (JSON.parse(await sh('ls')) as { name: string }[]).map((s) => s.name).sort();
  const hour = 3_600_000;

  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    for (const f of fs.readdirSync(FIXTURE))
      fs.copyFileSync(path.join(FIXTURE, f), path.join(work, f));
    // pr-1 expired an hour ago (deployed, so destroy has a resource to remove), pr-2 expires in
    // two days, pr-3 is fresh but its pull request is closed.
    const setup: [string, number][] = [
      ['pr-1', -hour],
      ['pr-2', 48 * hour],
      ['pr-3', 48 * hour],
    ];
    for (const [stack, offset] of setup) {
      const expiresAt = new Date(Date.now() + offset).toISOString();
      await sh(
        'exec',
        stack,
        'config',
        'set',
        '--path',
        'mlops-stack:preview.expiresAt',
        expiresAt,
      );
    }
    await sh('up', 'pr-1'); // tags the stack with its expiry, then deploys
    for (const stack of ['pr-2', 'pr-3']) {
      const expires = (
        await sh('exec', stack, 'config', 'get', '--path', 'mlops-stack:preview.expiresAt')
      ).trim();
      await sh('exec', stack, 'stack', 'tag', 'set', 'mlops:expires-at', expires);
    }
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('tags an ephemeral stack with its expiry on up', async () => {
    const tags = JSON.parse(await sh('exec', 'pr-1', 'stack', 'tag', 'ls', '--json')) as Record<
      string,
      string
    >;
    expect(Date.parse(tags['mlops:expires-at']!)).toBeLessThan(Date.now());
  });

  it('changes nothing in a dry run', async () => {
    const lines: string[] = [];
    const results = await reap({
      backend: pulumiBackend(env),
      dryRun: true,
      now: new Date(),
      closedPrs: new Set([3]),
      log: (l) => lines.push(l),
    });
    expect(results.map((r) => [r.stack, r.outcome])).toEqual([
      ['pr-1', 'would destroy'],
      ['pr-2', 'kept'],
      ['pr-3', 'would destroy'],
    ]);
    expect(await stacks()).toEqual(['pr-1', 'pr-2', 'pr-3']);
    expect(lines.join('\n')).toMatch(/pr-1\s+would destroy\s+expired at/);
  });

  it('destroys and removes expired and closed-PR stacks, keeps the fresh one', async () => {
    const results = await reap({
      backend: pulumiBackend(env),
      dryRun: false,
      now: new Date(),
      closedPrs: new Set([3]),
      log: () => undefined,
    });
    expect(results.map((r) => [r.stack, r.outcome])).toEqual([
      ['pr-1', 'destroyed'],
      ['pr-2', 'kept'],
      ['pr-3', 'destroyed'],
    ]);
    expect(await stacks()).toEqual(['pr-2']);
  });
});
