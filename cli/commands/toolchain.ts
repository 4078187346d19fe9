// `mlops toolchain`: builds or links the local toolchain (Pulumi, Kubernetes, etcd, kwok, MinIO)
// by running scripts/toolchain.sh, which owns the versions, cache and progress output.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Command } from 'commander';
import { REPO_ROOT } from '../cluster/paths';
import { CliError, EXIT } from '../errors';

export const TOOLCHAIN_SCRIPT = path.join(REPO_ROOT, 'scripts', 'toolchain.sh');

function runToolchain(only: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [TOOLCHAIN_SCRIPT, ...only], { stdio: 'inherit' });
    child.on('error', (error) => reject(new CliError(`cannot run ${TOOLCHAIN_SCRIPT}: ${error}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new CliError(
            `toolchain failed (${signal ?? `exit ${code}`}); its build log path is printed above`,
            EXIT.failure,
          ),
        );
    });
  });
}

export function registerToolchain(program: Command): void {
  program
    .command('toolchain')
    .description('build (or reuse from ~/.cache/mlops-stack) the local tools into .tools/bin')
    .argument('[tools...]', 'only these build steps, e.g. minio kubernetes (default: all)')
    .action((tools: string[]) => runToolchain(tools));
}
