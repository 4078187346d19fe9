// Training where the native backend is absent: `mlops train` with MLOPS_TF_BACKEND=cpu runs the
// whole pipeline on a tiny synthetic dataset with the small configuration, says so in one log
// line, and registers a version. Its wall time is printed, not asserted (speed belongs to the
// benchmarks); the kill timer only guards against a hang (it took 44-59 s on the test machines).
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ENV } from '../../../core/contract';
import { REPO_ROOT } from '../../../core/registry/local-paths';
import { photosMissingReason } from '../../../core/sample-photos';
import { CPU_TRAINING } from '../../../training/src/pipeline/options';
import { describeWhen } from '../../helpers/requirements';
import { trainingWorkspace } from '../../helpers/training-workspace';

const HANG_GUARD_MS = 300_000;

describeWhen(photosMissingReason())('training on the cpu backend (no native TensorFlow)', () => {
  jest.setTimeout(HANG_GUARD_MS + 30_000);
  const ws = trainingWorkspace('cpu-train-');

  beforeAll(async () => {
    // 3 train, 2 val, 2 test: on cpu each backbone pass takes seconds.
    const split = { images: 7, valFraction: 0.29, testFraction: 0.29, size: 128 };
    await ws.publishSynthetic({ seed: 9, ...split }, 'cpu fallback test');
  });
  afterAll(() => ws.remove());

  it('runs the small configuration, says so once and registers a version', async () => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--require',
        'tsx/cjs',
        path.join(REPO_ROOT, 'cli', 'main.ts'),
        'train',
        '--model',
        'shapes',
        '--dataset',
        'shapes',
        '--json',
      ],
      {
        cwd: REPO_ROOT,
        env: { ...ws.env, [ENV.tfBackend]: 'cpu' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    const seconds = (performance.now() - started) / 1000;
    expect({ code, tail: code === 0 ? '' : stderr.slice(-1500) }).toEqual({ code: 0, tail: '' });
    process.stdout.write(
      `cpu-backend training run (small configuration): ${seconds.toFixed(1)} s\n`,
    );
    const lines = stderr.split('\n');
    const small = lines.filter((l) => l.includes('"event":"small-config"'));
    expect(small).toHaveLength(1);
    expect(JSON.parse(small[0]!)).toMatchObject({
      backend: 'cpu',
      epochs: CPU_TRAINING.epochs,
      message: expect.stringMatching(/cpu backend \(no native TensorFlow\): small configuration/),
    });
    const epochs = lines.filter((l) => l.includes('"event":"epoch"'));
    expect(epochs).toHaveLength(CPU_TRAINING.epochs);
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
      version: number;
      runId: string;
    };
    expect((await ws.stores.models.getMetadata('shapes', result.version)).runId).toBe(result.runId);
    const run = await ws.stores.runs.getRun(result.runId);
    expect(run.status).toBe('succeeded');
    expect(run.parameters.epochs).toBe(CPU_TRAINING.epochs);
  });
});
