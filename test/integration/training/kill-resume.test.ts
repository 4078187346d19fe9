// Crash safety of a real training process: `mlops train` on a tiny synthetic dataset is SIGKILLed
// once its checkpoint reaches epoch K, resumed with --resume, and must end bit-identical to an
// uninterrupted run with the same seed (same weights file, same held-out metrics). Needs the
// native backend (the child processes load it) and the sample photos.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../core/registry/local-paths';
import { photosMissingReason } from '../../../core/sample-photos';
import { nativeTfMissing } from '../../helpers/native-tf';
import { describeWhen } from '../../helpers/requirements';
import { trainingWorkspace } from '../../helpers/training-workspace';

const EPOCHS = 40;
const KILL_AFTER_EPOCH = 3;

interface TrainResult {
  runId: string;
  version: number;
  metrics: Record<string, number>;
}

describeWhen(photosMissingReason() ?? nativeTfMissing())('training killed mid-run', () => {
  jest.setTimeout(180_000);
  const ws = trainingWorkspace('kill-resume-');
  const { stores, env } = ws;
  const args = (...extra: string[]) => [
    '--require',
    'tsx/cjs',
    path.join(REPO_ROOT, 'cli', 'main.ts'),
    'train',
    '--model',
    'shapes',
    '--dataset',
    'shapes',
    '--epochs',
    String(EPOCHS),
    '--seed',
    '5',
    '--json',
    ...extra,
  ];
  const children: ChildProcess[] = [];
  const train = (...extra: string[]) => {
    const child = spawn(process.execPath, args(...extra), { cwd: REPO_ROOT, env });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const result = async (): Promise<TrainResult> => {
      const { code } = await exited;
      if (code !== 0) throw new Error(`mlops train exited ${code}: ${stderr.slice(-2000)}`);
      return JSON.parse(stdout.trim().split('\n').pop()!) as TrainResult;
    };
    /** Epochs this process trained (its JSON "epoch" log lines on stderr). */
    const epochs = () =>
      stderr
        .split('\n')
        .filter((l) => l.includes('"event":"epoch"'))
        .map((l) => (JSON.parse(l) as { epoch: number }).epoch);
    return { child, exited, result, epochs };
  };
  const weightsHash = async (version: number) =>
    createHash('sha256')
      .update(await stores.models.readFile('shapes', version, 'weights.bin'))
      .digest('hex');
  /** The epoch of the newest checkpoint file of model shapes, with its run id. */
  const checkpoint = (): { runId: string; epoch: number } | undefined => {
    const dir = path.join(ws.root, 'metadata', 'checkpoints', 'shapes');
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      // Skip the store's temporary files (written, synced, then renamed into place).
      if (!f.startsWith('run-') || !f.endsWith('.ckpt')) continue;
      const head = fs.readFileSync(path.join(dir, f)).subarray(0, 4096).toString('utf8');
      const epoch = (JSON.parse(head.slice(0, head.indexOf('\n'))) as { epoch: number }).epoch;
      return { runId: f.slice(0, -'.ckpt'.length), epoch };
    }
    return undefined;
  };

  beforeAll(async () => {
    await ws.publishSynthetic({ seed: 5, images: 16, size: 192 }, 'kill-resume test');
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    ws.remove();
  });

  it('resumes a SIGKILLed run from its checkpoint to the same weights and metrics as an uninterrupted run', async () => {
    const killed = train();
    let at: { runId: string; epoch: number } | undefined;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      at = checkpoint();
      if (at && at.epoch >= KILL_AFTER_EPOCH) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    killed.child.kill('SIGKILL');
    expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // The checkpoint may have moved on before the signal landed: resume from what is on disk.
    at = checkpoint();
    expect(at!.epoch).toBeGreaterThanOrEqual(KILL_AFTER_EPOCH);
    expect(at!.epoch).toBeLessThan(EPOCHS);
    expect((await stores.runs.getRun(at!.runId)).status).toBe('running');

    const resume = train('--resume', at!.runId);
    const resumed = await resume.result();
    // It continued from the checkpoint rather than starting over.
    expect(resume.epochs()[0]).toBe(at!.epoch + 1);
    expect(resume.epochs().pop()).toBe(EPOCHS);
    expect(resumed.runId).toBe(at!.runId);
    expect((await stores.runs.getRun(at!.runId)).status).toBe('succeeded');
    const reference = await train().result();
    expect(reference.runId).not.toBe(resumed.runId);
    expect(resumed.metrics).toEqual(reference.metrics);
    expect(await weightsHash(resumed.version)).toBe(await weightsHash(reference.version));
  });
});
