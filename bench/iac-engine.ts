// IaC benchmark, engine side (`npm run bench:iac-engine`): wall time of `pulumi preview` and
// `pulumi up` on the local cluster as the number of served models grows (1, 5, 20 serving
// workloads; bench/iac-scale), through scripts/pulumi.sh exactly as `npm run preview|up` run them
// (policy pack included). Per size and run: preview from empty, up from empty (every Deployment
// ready), up with no changes, destroy. Medians of --runs runs; the cluster is started if needed.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { clusterStatus, clusterUp } from '../cli/cluster/lifecycle';
import { LOCAL_KUBECONFIG } from '../cli/cluster/paths';
import { machine } from './lib/machine';
import { percentile } from './lib/stats';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..');
const PROJECT = path.join(REPO, 'bench/iac-scale');
const STATE = path.join(REPO, '.data/bench/iac-engine-state');
const PHASES = ['previewFromEmpty', 'upFromEmpty', 'upNoChanges', 'destroy'] as const;
type Phase = (typeof PHASES)[number];

const env: NodeJS.ProcessEnv = {
  ...process.env,
  MLOPS_PULUMI_PROJECT_DIR: PROJECT,
  MLOPS_PULUMI_BACKEND: `file://${STATE}`,
  PULUMI_CONFIG_PASSPHRASE: 'bench-only',
  MLOPS_POLICY_PACK: path.join(REPO, 'infra/policy'),
};

async function pulumi(...args: string[]): Promise<{ seconds: number; stdout: string }> {
  const t0 = performance.now();
  try {
    const { stdout } = await run('bash', [path.join(REPO, 'scripts/pulumi.sh'), ...args], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { seconds: (performance.now() - t0) / 1000, stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`pulumi ${args.join(' ')} failed:\n${stdout.slice(-3000)}\n${stderr}`);
  }
}

/** Resources of the stack after `up` (the engine's own count, including the stack itself). */
async function resourceCount(stack: string): Promise<number> {
  const { stdout } = await pulumi('exec', stack, 'stack', 'export');
  const state = JSON.parse(stdout) as { deployment: { resources?: unknown[] } };
  return state.deployment.resources?.length ?? 0;
}

/** One cycle from empty; the deployed stack's resources are counted between the timed steps. */
async function cycle(
  models: number,
  stack: string,
): Promise<{ seconds: Record<Phase, number>; resources: number }> {
  const preview = await pulumi('preview', stack);
  const up = await pulumi('up', stack, '--skip-preview');
  const resources = await resourceCount(stack);
  const again = await pulumi('up', stack, '--skip-preview');
  const destroy = await pulumi('destroy', stack, '--skip-preview');
  process.stderr.write(
    `  ${models} models: preview ${preview.seconds.toFixed(1)} s, up ${up.seconds.toFixed(1)} s, ` +
      `no-op up ${again.seconds.toFixed(1)} s, destroy ${destroy.seconds.toFixed(1)} s\n`,
  );
  const seconds = {
    previewFromEmpty: preview.seconds,
    upFromEmpty: up.seconds,
    upNoChanges: again.seconds,
    destroy: destroy.seconds,
  };
  return { seconds, resources };
}

async function measure(models: number, runs: number) {
  const stack = `bench-${models}`;
  for (const [key, value] of [
    ['kubeconfig', LOCAL_KUBECONFIG],
    ['namespace', `bench-iac-${models}`],
    ['models', String(models)],
  ] as const) {
    await pulumi('exec', stack, 'config', 'set', key, value);
  }
  const samples: Record<Phase, number>[] = [];
  let resources = 0;
  for (let i = 0; i < runs; i++) {
    const c = await cycle(models, stack);
    samples.push(c.seconds);
    resources = c.resources;
  }
  await pulumi('exec', stack, 'stack', 'rm', '--yes', '--force');
  const medians = Object.fromEntries(
    PHASES.map((p) => [
      p,
      +percentile(
        samples.map((s) => s[p]),
        0.5,
      ).toFixed(1),
    ]),
  );
  return { models, resources, runs, medians, samples };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, models: { type: 'string' } },
  });
  const runs = Number(values.runs);
  const sizes = (values.models ?? '1,5,20').split(',').map(Number);
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('--runs and --models take positive integers (e.g. --runs 3 --models 1,5,20)');
  }
  const status = await clusterStatus();
  if (status.state !== 'running') await clusterUp();
  fs.mkdirSync(STATE, { recursive: true });
  const rows = [];
  for (const models of sizes) rows.push(await measure(models, runs));
  const report = { date: new Date().toISOString(), machine: machine(), rows };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
