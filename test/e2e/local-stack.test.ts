// The real platform stack (`local` environment) on the local cluster with the real engine:
// `up` creates every resource with everything ready (the platform StatefulSets bind the local
// volume pool), a second `up` changes nothing, one config change previews as exactly that
// change, and `destroy` leaves no namespace, volume or storage class behind. Runs against a
// temporary backend and a temporary copy of Pulumi.local.yaml: committed files stay untouched.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { prStackYaml } from '../../cli/stack-files/pr-stack';
import { CLUSTER_START_TIMEOUT_MS, clusterMissing, ensureCluster } from '../helpers/cluster';
import { describeWhen, findExecutable } from '../helpers/requirements';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../..');
const STEP_TIMEOUT_MS = 600_000;

function missingTools(): string | undefined {
  const tools = ['pulumi', 'pulumi-language-nodejs', 'pulumi-resource-kubernetes', 'kubectl'];
  const absent = tools.filter((tool) => findExecutable(tool) === undefined);
  if (absent.length > 0) return `local stack e2e needs ${absent.join(', ')} (npm run toolchain)`;
  return clusterMissing();
}

describeWhen(missingTools())('the local platform stack with the real engine', () => {
  const stack = `e2e-local-${process.pid}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'local-stack-'));
  const configFile = path.join(work, 'stack.yaml');
  const stackFile = path.join(REPO, `Pulumi.${stack}.yaml`);
  let kubeconfig = '';
  let destroyed = false;
  const env = {
    ...process.env,
    MLOPS_PULUMI_BACKEND: `file://${path.join(work, 'state')}`,
    PULUMI_CONFIG_PASSPHRASE: 'e2e-only',
  };

  async function pulumi(...args: string[]): Promise<string> {
    try {
      const { stdout } = await run('bash', [path.join(REPO, 'scripts/pulumi.sh'), ...args], {
        env,
        maxBuffer: 64 * 1024 * 1024,
        timeout: STEP_TIMEOUT_MS,
      });
      return stdout;
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(
        `pulumi ${args.join(' ')} failed:\n${stdout.slice(-4000)}\n${stderr.slice(-3000)}`,
      );
    } finally {
      // The passphrase provider keeps its salt in the --config-file; nothing belongs in the repo.
      fs.rmSync(stackFile, { force: true });
    }
  }
  const withConfig = (command: string, ...args: string[]) =>
    pulumi(command, stack, '--config-file', configFile, ...args);

  async function kubectl(...args: string[]): Promise<string> {
    const { stdout } = await run('kubectl', [`--kubeconfig=${kubeconfig}`, ...args]);
    return stdout;
  }

  beforeAll(async () => {
    kubeconfig = await ensureCluster();
    // The committed file with its salt for the empty passphrase removed: this run has its own
    // backend and passphrase. No secret is set: the local stack generates what it lacks.
    const committed = fs.readFileSync(path.join(REPO, 'Pulumi.local.yaml'), 'utf8');
    fs.writeFileSync(configFile, committed.replace(/^encryptionsalt:.*\n/m, ''));
  }, CLUSTER_START_TIMEOUT_MS + STEP_TIMEOUT_MS);

  afterAll(async () => {
    if (!destroyed) await withConfig('destroy', '--yes').catch(() => undefined);
    await pulumi('exec', stack, 'stack', 'rm', '--yes', '--force').catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }, STEP_TIMEOUT_MS);

  it(
    'up creates every resource with the platform and the workloads ready',
    async () => {
      const started = performance.now();
      const out = await withConfig('up', '--yes', '--skip-preview');
      const created = Number(/\+ (\d+) created/.exec(out)?.[1]);
      process.stdout.write(
        `[local-stack] up: ${created} resources in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      expect(created).toBeGreaterThan(60);
      const sets = JSON.parse(
        await kubectl(
          'get',
          'statefulsets,deployments',
          '-A',
          '-l',
          'app.kubernetes.io/part-of',
          '-o',
          'json',
        ),
      ) as {
        items: {
          kind: string;
          metadata: { name: string };
          spec: { replicas?: number };
          status: { readyReplicas?: number };
        }[];
      };
      const names = sets.items.map((i) => `${i.kind}/${i.metadata.name}`);
      expect(names).toEqual(
        expect.arrayContaining([
          'StatefulSet/minio',
          'StatefulSet/prometheus',
          'StatefulSet/registry',
          'Deployment/serving',
        ]),
      );
      for (const item of sets.items) {
        expect({ name: item.metadata.name, ready: item.status.readyReplicas ?? 0 }).toEqual({
          name: item.metadata.name,
          ready: item.spec.replicas ?? 1,
        });
      }
      const claims = await kubectl('get', 'pvc', '-A', '-o', 'jsonpath={.items[*].status.phase}');
      expect(
        claims
          .split(' ')
          .filter(Boolean)
          .every((p) => p === 'Bound'),
      ).toBe(true);
      // No secret was set: each was generated, reached its Secret, and is kept encrypted in the
      // stack's state; the stack file gained nothing but its salt.
      const secrets = JSON.parse(await kubectl('get', 'secrets', '-A', '-o', 'json')) as {
        items: { metadata: { name: string }; data?: Record<string, string> }[];
      };
      const token = Buffer.from(
        secrets.items.find((i) => i.metadata.name === 'serving-api')?.data?.['admin-token'] ?? '',
        'base64',
      ).toString();
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const state = await pulumi('exec', stack, 'stack', 'export');
      expect(state).not.toContain(token);
      expect(state).toMatch(/generated-adminToken/);
      expect(fs.readFileSync(configFile, 'utf8')).not.toMatch(/adminToken/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a second up reports no changes',
    async () => {
      await expect(
        withConfig('up', '--yes', '--skip-preview', '--expect-no-changes'),
      ).resolves.toMatch(/unchanged/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'preview --diff after one config change shows exactly that change',
    async () => {
      const pristine = fs.readFileSync(configFile, 'utf8');
      await pulumi(
        'exec',
        stack,
        'config',
        'set',
        '--path',
        '--config-file',
        configFile,
        'mlops-stack:training.schedule',
        '0 4 * * *',
      );
      try {
        const preview = JSON.parse(await withConfig('preview', '--diff', '--json')) as {
          steps: { op: string; urn: string; diffs?: string[] }[];
        };
        const changed = preview.steps.filter((s) => s.op !== 'same');
        expect(changed.map((s) => [s.op, s.urn.split('::').pop()])).toHaveLength(1);
        expect(changed[0]!.op).toBe('update');
        expect(changed[0]!.urn).toMatch(/cronjob/i);
      } finally {
        fs.writeFileSync(configFile, pristine);
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a pr-<n> stack reuses the platform through a StackReference; destroy + stack rm leave nothing',
    async () => {
      const prNumber = 7000 + (process.pid % 1000);
      const pr = `pr-${prNumber}`;
      const prConfig = path.join(work, 'pr.yaml');
      fs.writeFileSync(
        prConfig,
        prStackYaml({
          prNumber,
          platformStack: `organization/mlops-stack/${stack}`,
          ttlHours: 1,
          servingImage: 'registry.mlops-system.svc.cluster.local:5000/mlops-stack/serving:pr',
          trainingImage: 'registry.mlops-system.svc.cluster.local:5000/mlops-stack/training:pr',
        }),
      );
      try {
        await pulumi('up', pr, '--config-file', prConfig, '--yes', '--skip-preview');
        const labelled = await kubectl(
          'get',
          'deployments,secrets,networkpolicies',
          '-n',
          pr,
          '-o',
          'name',
        );
        expect(labelled).toMatch(/deployment.apps\/serving/);
        const ns = JSON.parse(await kubectl('get', 'namespace', pr, '-o', 'json')) as {
          metadata: { labels: Record<string, string> };
        };
        expect(Object.values(ns.metadata.labels)).toContain(String(prNumber));
        // scripts/pulumi.sh removes a pr-* stack after destroying it.
        await pulumi('destroy', pr, '--config-file', prConfig);
        const left = await kubectl('get', 'namespaces', '-o', 'name');
        expect(left).not.toMatch(new RegExp(`namespace/${pr}$`, 'm'));
        const stacks = JSON.parse(await pulumi('ls')) as { name: string }[];
        expect(stacks.map((x) => x.name)).not.toContain(pr);
      } finally {
        fs.rmSync(path.join(REPO, `Pulumi.${pr}.yaml`), { force: true });
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'destroy leaves no namespace, volume or storage class',
    async () => {
      await withConfig('destroy', '--yes');
      destroyed = true;
      const left = await kubectl(
        'get',
        'namespaces,persistentvolumes,storageclasses',
        '-o',
        'name',
      );
      expect(left.split('\n').filter((l) => /mlops/.test(l))).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});
