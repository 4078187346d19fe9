// Python tools the tests use (Python TensorFlow, schemathesis, the protocol clients), installed
// into cached virtualenvs by the setup scripts; a tool that cannot be installed gives a skip reason instead of a path.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const SCRIPTS = path.resolve(__dirname, '..', '..', 'scripts');

export function pythonTool(
  script: 'setup-python-tf.sh' | 'setup-python-fuzz.sh' | 'setup-python-clients.sh',
): {
  readonly path?: string;
  readonly missing?: string;
} {
  try {
    const out = execFileSync('bash', [path.join(SCRIPTS, script)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { path: out.trim() };
  } catch (err) {
    return { missing: `${script} failed: ${(err as Error).message.split('\n')[0]}` };
  }
}
