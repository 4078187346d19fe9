// README's quick start, run as written in a fresh clone of the committed tree: the `npm start`
// line of the Quick start block starts the service, the "Try it" curl call (its path and content
// type) finds the astronaut, and SIGTERM stops it with exit code 0. The commands come from
// README.md itself, so this fails when the README drifts from what works.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { photosMissingReason, readPhoto } from '../helpers/photos';
import { describeWhen } from '../helpers/requirements';
import { freePort } from '../../bench/lib/serving-process';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The fenced shell blocks of one README section, each as its command lines (comments dropped). */
export function shellBlocks(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) =>
    m[1]!
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

function requirements(): string | undefined {
  const photos = photosMissingReason();
  if (photos) return photos;
  if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'tsx')))
    return 'node_modules is not installed (npm run setup)';
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'git is not installed';
  }
  return undefined;
}

async function waitReady(base: string, child: ChildProcess, logs: () => string): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited early with ${child.exitCode}:\n${logs()}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not ready after 180 s:\n${logs()}`);
}

describe('README quick start (parsing)', () => {
  it('promises set-up, start and test, and a detect call to try', () => {
    const [quickStart, tryIt] = shellBlocks(README, 'Quick start');
    expect(quickStart).toEqual(expect.arrayContaining(['npm run setup', 'npm start', 'npm test']));
    expect(tryIt?.join(' ')).toMatch(/curl .*localhost:\d+\/v1\/detect/);
  });
});

describeWhen(requirements())('README quick start in a fresh clone', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  afterAll(() => {
    // The whole process group: npm, tsx and the server, whatever state a failure left them in.
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('npm start serves the astronaut as a person and exits 0 on SIGTERM', async () => {
    const [quickStart = [], tryIt = []] = shellBlocks(README, 'Quick start');
    const start = quickStart.find((line) => /^npm (start|run start)\b/.test(line));
    if (!start) throw new Error('README quick start has no `npm start` line');
    const curl = tryIt.find((line) => line.startsWith('curl '));
    const route = /localhost:\d+(\/\S+)/.exec(curl ?? '')?.[1];
    const contentType = /Content-Type: ([^'"]+)/i.exec(curl ?? '')?.[1];
    if (!route || !contentType) throw new Error(`README "Try it" call not understood: ${curl}`);

    // The committed state only: a clone of HEAD, not the shared working tree.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-quick-start-'));
    const clone = path.join(dir, 'repo');
    execFileSync('git', ['clone', '--quiet', '--no-checkout', ROOT, clone]);
    execFileSync('git', ['-C', clone, 'checkout', '--quiet', 'HEAD']);
    // `npm run setup` is the first quick-start step; it runs `npm ci`, which takes minutes and
    // would rebuild tfjs-node's native addon. The checkout's node_modules was installed from the
    // same package-lock.json by that same step, so the clone links it instead: every other
    // quick-start step then runs on the dependency tree the set-up produces.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');

    const port = await freePort();
    let logs = '';
    // README's port is the default; the test picks a free one through PORT (docs/configuration.md)
    // so it never collides with a service already running on this machine.
    child = spawn('sh', ['-c', `exec ${start}`], {
      cwd: clone,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so clean-up reaches every descendant
    });
    child.stdout!.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (logs += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child!.on('exit', (code) => resolve(code)),
    );
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base, child, () => logs);

    const response = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: readPhoto('astronaut.png'),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { detections: { label: string; score: number }[] };
    const person = body.detections.find((d) => d.label === 'person');
    expect(person?.score).toBeGreaterThanOrEqual(0.5);

    // SIGTERM to npm alone, as a process manager sends it: npm must pass it on (the start script
    // execs the server) and the server must drain and exit 0.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs).toContain('shutdown complete');
  });
});
