// `mlops stack pin` edits a committed stack file (model version, image digests) — what the
// model-promotion and images workflows do; `mlops stack pr-init` writes an ephemeral PR stack file;
// `mlops stack secrets` lists the secrets a stack needs and which are missing.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors';
import { prStackName, prStackYaml } from '../stack-files/pr-stack';
import { stackSecrets, type SecretState } from '../stack-files/stack-secrets';
import {
  loadStackFile,
  pinImage,
  pinModel,
  saveStackFile,
  stackFilePath,
} from '../stack-files/stack-file';

const REPO_ROOT = resolve(__dirname, '..', '..');
const asCliError = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    throw error instanceof CliError ? error : new CliError((error as Error).message, 2);
  }
};
const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new CliError(`${name} must be an integer, got "${v}"`, 2);
  return n;
};

export function registerStack(program: Command): void {
  const stack = program.command('stack').description('edit committed Pulumi stack files');
  stack
    .command('pin <stack>')
    .description('pin the served model version and/or image digests in Pulumi.<stack>.yaml')
    .option('--model-version <n>', 'model version to serve', int('--model-version'))
    .option('--model-name <name>', 'model name (default: keep)')
    .option(
      '--image <component=ref>',
      'serving=<repo@sha256:…> or training=<…> (repeatable)',
      (v, acc: string[]) => [...acc, v],
      [],
    )
    .option('--dir <path>', 'directory holding the stack files', REPO_ROOT)
    .action(
      (
        name: string,
        o: { modelVersion?: number; modelName?: string; image: string[]; dir: string },
      ) =>
        asCliError(() => {
          if (o.modelVersion === undefined && o.image.length === 0)
            throw new Error('nothing to pin: give --model-version and/or --image');
          const path = stackFilePath(o.dir, name);
          if (!existsSync(path))
            throw new CliError(
              `no stack file ${path}: give a committed stack (local, dev, staging, prod) or --dir`,
              EXIT.notFound,
            );
          const doc = loadStackFile(path);
          if (o.modelVersion !== undefined) pinModel(doc, o.modelVersion, o.modelName);
          for (const spec of o.image) {
            const [component, ref] = spec.split(/=(.*)/s, 2);
            if (component !== 'serving' && component !== 'training')
              throw new Error(`--image expects serving=<ref> or training=<ref>, got "${spec}"`);
            pinImage(doc, component, ref ?? '');
          }
          saveStackFile(path, doc);
          process.stdout.write(`pinned in ${path}\n`);
        }),
    );
  stack
    .command('pr-init <pr>')
    .description('write Pulumi.pr-<n>.yaml for an ephemeral preview environment')
    .requiredOption(
      '--platform <org/project/stack>',
      'platform stack whose cluster, registry and storage it reuses',
    )
    .requiredOption('--serving-image <ref>', 'serving image')
    .requiredOption('--training-image <ref>', 'training image')
    .option('--ttl-hours <n>', 'hours until the reaper may destroy it', int('--ttl-hours'), 72)
    .option('--dir <path>', 'directory for the stack file', REPO_ROOT)
    .action(
      (
        pr: string,
        o: {
          platform: string;
          servingImage: string;
          trainingImage: string;
          ttlHours: number;
          dir: string;
        },
      ) =>
        asCliError(() => {
          const prNumber = int('<pr>')(pr);
          const path = stackFilePath(o.dir, prStackName(prNumber));
          const yaml = prStackYaml({
            prNumber,
            platformStack: o.platform,
            ttlHours: o.ttlHours,
            servingImage: o.servingImage,
            trainingImage: o.trainingImage,
          });
          if (existsSync(path)) process.stderr.write(`mlops: refreshing the expiry of ${path}\n`);
          writeFileSync(path, yaml);
          process.stdout.write(`${path}\n`);
        }),
    );
  stack
    .command('secrets <stack>')
    .description(
      'list the secrets Pulumi.<stack>.yaml needs: set, generated on up (local, pr-<n>) or missing',
    )
    .option('--dir <path>', 'directory holding the stack files', REPO_ROOT)
    .action((name: string, o: { dir: string }) => {
      const path = stackFilePath(o.dir, name);
      if (!existsSync(path)) throw new CliError(`no stack file ${path}`, EXIT.notFound);
      let states: Record<string, SecretState>;
      try {
        states = stackSecrets(path);
      } catch (error) {
        throw new CliError(`${path}: ${(error as Error).message}`, EXIT.usage);
      }
      for (const [key, state] of Object.entries(states))
        process.stdout.write(`${key.padEnd(22)} ${state}\n`);
      const missing = Object.keys(states).filter((k) => states[k] === 'missing');
      if (missing.length > 0) {
        const set = missing
          .map(
            (k) =>
              `  bash scripts/pulumi.sh exec ${name} config set --secret mlops-stack:${k} <value>`,
          )
          .join('\n');
        throw new CliError(
          `${missing.length} secret(s) missing for ${name}; set them with:\n${set}`,
          EXIT.failure,
        );
      }
    });
}
