// The Python TensorFlow baseline: a virtualenv from PyPI (scripts/setup-python-tf.sh), the
// default model converted to a SavedModel once (cached), a raw-inference measurement and a
// minimal HTTP server (bench/python/tf_detect.py) started on a free port.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultModelDir } from '../../core/detection/default-model';
import { freePort } from './serving-process';

const REPO = path.resolve(__dirname, '..', '..');
const SCRIPTS = path.join(REPO, 'bench', 'python');
const CACHE = process.env.MLOPS_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'mlops-stack');

export interface PythonTf {
  readonly python: string;
  readonly savedModel: string;
}

const quiet = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };

export function preparePythonTf(): PythonTf {
  const python = execFileSync('bash', [path.join(REPO, 'scripts', 'setup-python-tf.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const savedModel = path.join(CACHE, 'bench', 'centernet-savedmodel');
  if (!fs.existsSync(path.join(savedModel, 'saved_model.pb'))) {
    execFileSync(
      python,
      [
        path.join(SCRIPTS, 'graph_model_to_saved_model.py'),
        path.join(defaultModelDir(), 'centernet.json'),
        savedModel,
      ],
      { stdio: ['ignore', 'inherit', 'ignore'], env: quiet },
    );
  }
  return { python, savedModel };
}

export function pythonRawInference(py: PythonTf, image: string, runs: number) {
  const out = execFileSync(
    py.python,
    [path.join(SCRIPTS, 'tf_detect.py'), 'raw', py.savedModel, image, '--runs', String(runs)],
    { encoding: 'utf8', env: quiet, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return JSON.parse(out) as { medianMs: number; tensorflow: string };
}

export async function startPythonServer(py: PythonTf) {
  const port = await freePort();
  const child = spawn(
    py.python,
    [path.join(SCRIPTS, 'tf_detect.py'), 'serve', py.savedModel, '--port', String(port)],
    { env: quiet, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`python server exited (${code})`)));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => child.kill('SIGTERM'),
  };
}
