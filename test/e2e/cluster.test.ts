// End to end: the local cluster of `mlops cluster up` schedules pods onto ≥ 2 fake nodes, enforces
// Pod Security admission, and `mlops cluster down` leaves no process, port or state behind.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { locateBinary } from '../../cli/cluster/binaries';
import { clusterDown, clusterStatus, clusterUp } from '../../cli/cluster/lifecycle';
import { CLUSTER_DIR } from '../../cli/cluster/paths';
import { isAlive } from '../../cli/cluster/process-alive';
import {
  CLUSTER_START_TIMEOUT_MS,
  clusterMissing,
  ensureCluster,
  startedByTests,
} from '../helpers/cluster';
import { describeWhen } from '../helpers/requirements';

function kubectl(kubeconfig: string, args: string[], input?: string) {
  const result = spawnSync(
    locateBinary('kubectl') ?? 'kubectl',
    ['--kubeconfig', kubeconfig, ...args],
    {
      input,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

const suffix = `${process.pid}-${Date.now().toString(36)}`;

describeWhen(clusterMissing())('local cluster (kwok + real control plane)', () => {
  let kubeconfig = '';
  let developerCluster = false;

  beforeAll(async () => {
    const before = await clusterStatus();
    developerCluster = before.state === 'running' && !startedByTests();
    kubeconfig = await ensureCluster();
  }, CLUSTER_START_TIMEOUT_MS);

  afterAll(async () => {
    // The last test tears the cluster down; give a developer's own cluster back.
    if (developerCluster) await clusterUp();
  }, CLUSTER_START_TIMEOUT_MS);

  it('reports at least two Ready nodes through kubectl', () => {
    const out = kubectl(kubeconfig, [
      'get',
      'nodes',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
    ]);
    expect(out.status).toBe(0);
    const ready = out.stdout.split('\n').filter((line) => line.endsWith('=True'));
    expect(ready.length).toBeGreaterThanOrEqual(2);
  });

  it('schedules a Deployment whose pod becomes Running and Ready', () => {
    const ns = `e2e-deploy-${suffix}`;
    expect(kubectl(kubeconfig, ['create', 'namespace', ns]).status).toBe(0);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
        },
      },
    };
    const applied = kubectl(kubeconfig, ['apply', '-f', '-'], JSON.stringify(deployment));
    expect(applied).toMatchObject({ status: 0 });
    const rollout = kubectl(kubeconfig, [
      '-n',
      ns,
      'rollout',
      'status',
      'deploy/web',
      '--timeout=120s',
    ]);
    expect(rollout.status).toBe(0);
    const pods = kubectl(kubeconfig, [
      '-n',
      ns,
      'get',
      'pods',
      '-l',
      'app=web',
      '-o',
      'jsonpath={range .items[*]}{.status.phase}/{.status.conditions[?(@.type=="Ready")].status}/{.spec.nodeName}{"\\n"}{end}',
    ]);
    const [phase, ready, node] = pods.stdout.trim().split('/');
    expect({ phase, ready }).toEqual({ phase: 'Running', ready: 'True' });
    expect(node).not.toBe('');
    kubectl(kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
  }, 180_000);

  it('rejects a privileged pod in a namespace enforcing the restricted standard', () => {
    const ns = `e2e-restricted-${suffix}`;
    expect(kubectl(kubeconfig, ['create', 'namespace', ns]).status).toBe(0);
    const label = 'pod-security.kubernetes.io/enforce=restricted';
    expect(kubectl(kubeconfig, ['label', 'namespace', ns, label]).status).toBe(0);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'privileged', namespace: ns },
      spec: {
        containers: [
          { name: 'p', image: 'registry.invalid/p:1', securityContext: { privileged: true } },
        ],
      },
    };
    const created = kubectl(kubeconfig, ['create', '-f', '-'], JSON.stringify(pod));
    expect(created.status).not.toBe(0);
    expect(created.stderr).toMatch(/violates PodSecurity "restricted:/);
    expect(kubectl(kubeconfig, ['-n', ns, 'get', 'pod', 'privileged']).status).not.toBe(0);
    kubectl(kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
  });

  it('leaves no process, port or state behind after down', async () => {
    const status = await clusterStatus();
    const pids = Object.values(status.processes);
    expect(pids.length).toBeGreaterThanOrEqual(5);
    const port = Number(new URL(status.server ?? 'https://127.0.0.1:0').port);
    expect(await portOpen(port)).toBe(true);

    await clusterDown();

    expect(pids.filter(isAlive)).toEqual([]);
    expect(await portOpen(port)).toBe(false);
    expect(fs.existsSync(CLUSTER_DIR)).toBe(false);
    expect((await clusterStatus()).state).toBe('absent');
  }, 60_000);
});
