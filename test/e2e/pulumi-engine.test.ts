// The real Pulumi engine end to end on the local cluster, through the same wrapper users run
// (scripts/pulumi.sh): up a small stack (namespace + Deployment) → the Deployment is ready → a
// preview with --expect-no-changes passes → a preview that breaks a mandatory policy of the
// project's policy pack fails → destroy leaves no object → the ephemeral stack is gone. Every
// preview and up runs the policy pack (infra/policy), as `npm run preview|up` do for the project.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { previewReport } from '../../cli/commands/preview-report';
import { CLUSTER_START_TIMEOUT_MS, clusterMissing, ensureCluster } from '../helpers/cluster';
import { describeWhen, findExecutable } from '../helpers/requirements';
import { machinePath, satisfiesEngines } from '../helpers/node-runtime';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures/small-stack');
// Same depth below the repository as the fixture, so its tsconfig `extends` and node's module
// resolution (../../../../node_modules) work unchanged in the copy.
const WORK_ROOT = path.join(REPO, '.data/e2e/pulumi');
const STEP_TIMEOUT_MS = 300_000;

function missingTools(): string | undefined {
  const tools = ['pulumi', 'pulumi-language-nodejs', 'pulumi-resource-kubernetes', 'kubectl'];
  const absent = tools.filter((tool) => findExecutable(tool) === undefined);
  if (absent.length > 0) return `Pulumi engine test needs ${absent.join(', ')} (npm run toolchain)`;
  return clusterMissing();
}

interface Context {
  readonly work: string;
  readonly stack: string;
  readonly namespace: string;
  readonly kubeconfig: string;
  readonly env: NodeJS.ProcessEnv;
}

async function pulumi(ctx: Context, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('bash', [path.join(REPO, 'scripts/pulumi.sh'), ...args], {
      env: ctx.env,
      maxBuffer: 32 * 1024 * 1024,
      timeout: STEP_TIMEOUT_MS,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `pulumi ${args.join(' ')} failed:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`,
    );
  }
}

/** Objects of one kind in the test namespace, as `kind/name` (an absent namespace gives none). */
async function objectsIn(ctx: Context, kind: string): Promise<string[]> {
  const { stdout } = await run('kubectl', [
    `--kubeconfig=${ctx.kubeconfig}`,
    'get',
    kind,
    '--namespace',
    ctx.namespace,
    '--ignore-not-found',
    '-o',
    'name',
  ]);
  return stdout.split('\n').filter((line) => line.length > 0);
}

describeWhen(missingTools())('Pulumi engine on the local cluster (small stack)', () => {
  let ctx: Context;
  let destroyed = false;

  beforeAll(async () => {
    const kubeconfig = await ensureCluster();
    fs.mkdirSync(WORK_ROOT, { recursive: true });
    const work = fs.mkdtempSync(path.join(WORK_ROOT, 'small-stack-'));
    for (const file of ['Pulumi.yaml', 'index.ts', 'tsconfig.json']) {
      fs.copyFileSync(path.join(FIXTURE, file), path.join(work, file));
    }
    ctx = {
      work,
      kubeconfig,
      stack: `pr-${process.pid}`,
      namespace: `e2e-pulumi-${process.pid}`,
      env: {
        ...process.env,
        // As from a user's shell whose `node` is the machine's (maybe older) one.
        PATH: machinePath(),
        MLOPS_PULUMI_PROJECT_DIR: work,
        MLOPS_PULUMI_BACKEND: `file://${path.join(work, 'state')}`,
        PULUMI_CONFIG_PASSPHRASE: 'e2e-only',
        MLOPS_POLICY_PACK: path.join(REPO, 'infra/policy'),
      },
    };
    await pulumi(ctx, 'exec', ctx.stack, 'config', 'set', 'kubeconfig', kubeconfig);
    await pulumi(ctx, 'exec', ctx.stack, 'config', 'set', 'namespace', ctx.namespace);
  }, CLUSTER_START_TIMEOUT_MS + STEP_TIMEOUT_MS);

  afterAll(async () => {
    if (!(ctx as Context | undefined)) return;
    // Only after a failure is there anything left; never let cleanup mask the real error.
    if (!destroyed) await pulumi(ctx, 'destroy', ctx.stack).catch(() => undefined);
    fs.rmSync(ctx.work, { recursive: true, force: true });
  }, STEP_TIMEOUT_MS);

  it(
    'up creates the namespace and a Deployment whose replicas are all ready',
    async () => {
      await pulumi(ctx, 'up', ctx.stack, '--skip-preview');
      const outputs = JSON.parse(await pulumi(ctx, 'outputs', ctx.stack)) as Record<
        string,
        unknown
      >;
      expect(outputs).toMatchObject({ namespaceName: ctx.namespace, deploymentName: 'echo' });
      expect(outputs.readyReplicas).toBe(2);
      // The program ran on a Node.js the engines accept, with the SDK package.json pins.
      expect(satisfiesEngines(String(outputs.nodeVersion))).toBe(true);
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      expect(outputs.sdkVersion).toBe(pkg.dependencies['@pulumi/pulumi']);
      expect(await objectsIn(ctx, 'deployments')).toEqual(['deployment.apps/echo']);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a second preview reports no changes',
    async () => {
      await expect(pulumi(ctx, 'preview', ctx.stack, '--expect-no-changes')).resolves.toContain(
        'unchanged',
      );
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a real preview with a create, update, replace and delete renders as the PR comment',
    async () => {
      for (const [key, value] of [
        ['replicas', '3'],
        ['settingsName', 'settings-v2'],
        ['withExtra', 'false'],
        ['withNew', 'true'],
      ]) {
        await pulumi(ctx, 'exec', ctx.stack, 'config', 'set', key, value!);
      }
      const json = await pulumi(ctx, 'preview', ctx.stack, '--json');
      const previewFile = path.join(ctx.work, 'preview.json');
      fs.writeFileSync(previewFile, json);
      const { markdown } = previewReport({ stack: [`local=${previewFile}`], limit: '65536' });
      // The comment is kept as a test artifact next to the other e2e output.
      const artifact = path.join(REPO, '.data/e2e/preview-comment.md');
      fs.writeFileSync(artifact, markdown);
      process.stdout.write(`rendered PR comment from a real preview: ${artifact}\n`);
      expect(markdown).toContain('| `kubernetes:apps/v1:Deployment` |  | 1 |  |  |');
      expect(markdown).toContain('| `kubernetes:core/v1:ConfigMap` | 1 |  | 1 | 1 |');
      expect(markdown).toContain('| **total** | **1** | **1** | **1** | **1** |');
      expect(markdown).toMatch(/± kubernetes:core\/v1:ConfigMap settings/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a preview that breaks a mandatory policy fails and names the policy and the container',
    async () => {
      await pulumi(ctx, 'exec', ctx.stack, 'config', 'set', 'rootContainer', 'true');
      const failure = await pulumi(ctx, 'preview', ctx.stack).then(
        () => new Error('preview passed'),
        (error: unknown) => error as Error,
      );
      await pulumi(ctx, 'exec', ctx.stack, 'config', 'rm', 'rootContainer');
      expect(failure.message).toMatch(/pulumi preview .* failed/);
      expect(failure.message).toContain('containers-non-root-with-limits');
      expect(failure.message).toContain('container echo must set runAsNonRoot: true');
      expect(failure.message).toContain('container echo must declare a cpu limit');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'destroy removes every object and the ephemeral stack',
    async () => {
      await pulumi(ctx, 'destroy', ctx.stack);
      destroyed = true;
      expect(await objectsIn(ctx, 'deployments,replicasets,pods')).toEqual([]);
      const { stdout } = await run('kubectl', [
        `--kubeconfig=${ctx.kubeconfig}`,
        'get',
        'namespace',
        ctx.namespace,
        '--ignore-not-found',
        '-o',
        'name',
      ]);
      expect(stdout.trim()).toBe('');
      // The file backend keeps one checkpoint per stack; `stack rm` deletes it.
      const stacks = path.join(ctx.work, 'state/.pulumi/stacks/small-stack');
      expect(fs.existsSync(path.join(stacks, `${ctx.stack}.json`))).toBe(false);
    },
    STEP_TIMEOUT_MS,
  );
});
