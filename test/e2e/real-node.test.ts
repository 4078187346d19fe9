// End to end: the local cluster's real node (kubelet + containerd + runc). A smoke image built here
// (buildah, Debian's busybox) runs as a Deployment behind a NodePort Service, reached through
// cluster DNS from another pod and through the NodePort from the host; the kubelet serves logs,
// exec and port-forward, resource metrics reach kubectl top and an HPA, the kubelet restarts a
// kill -9ed container and an OOM-killed one; down leaves nothing on the machine. Each step's
// time is printed.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { locateBinary } from '../../cli/cluster/binaries';
import { clusterStatus } from '../../cli/cluster/lifecycle';
import { leftovers, sysctlsNow } from '../../cli/cluster/node/host';
import { isAlive } from '../../cli/cluster/process-alive';
import { NODE, NODE_DIR } from '../../cli/cluster/node/layout';
import {
  missingNodeRequirements,
  realNodeDown,
  realNodePids,
  realNodeUp,
} from '../../cli/cluster/node/real-node';
import { CLUSTER_START_TIMEOUT_MS, clusterMissing, ensureCluster } from '../helpers/cluster';
import { describeWhen } from '../helpers/requirements';
import { buildSmokeImage } from '../helpers/smoke-image';

jest.setTimeout(300_000);

const NODE_PORT = 30080;
const NS = `real-node-${process.pid}`;
const nodeMissing = () => {
  const missing = missingNodeRequirements();
  return missing.length ? `the real node needs ${missing.join(', ')}` : undefined;
};

let kubeconfig = '';
function kubectl(args: string[], input?: string) {
  const r = spawnSync(locateBinary('kubectl')!, ['--kubeconfig', kubeconfig, ...args], {
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const json = <T>(args: string[]): T => JSON.parse(kubectl([...args, '-o', 'json']).stdout) as T;

async function until<T>(what: string, probe: () => T | undefined, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = Date.now();
  const out = await fn();
  process.stdout.write(`[real-node] ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return out;
};

interface PodStatus {
  metadata: { name: string; uid: string };
  spec: { nodeName?: string };
  status: {
    phase: string;
    podIP?: string;
    containerStatuses?: {
      ready: boolean;
      restartCount: number;
      lastState?: { terminated?: { reason?: string; exitCode?: number } };
    }[];
  };
}

const onRealNode = {
  nodeSelector: { [NODE.label.key]: NODE.label.value },
  tolerations: [{ key: NODE.taint.key, operator: 'Exists' }],
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 65534,
    seccompProfile: { type: 'RuntimeDefault' },
  },
};
const hardened = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function manifests(image: string): object[] {
  const labels = { app: 'smoke' };
  const container = (name: string, command?: string[], memory = '32Mi') => ({
    name,
    image,
    ...(command ? { command } : {}),
    securityContext: hardened,
    resources: { limits: { memory, cpu: '200m' }, requests: { memory: '16Mi', cpu: '10m' } },
  });
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'smoke', namespace: NS },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            ...onRealNode,
            containers: [
              {
                ...container('httpd'),
                ports: [{ containerPort: 8080 }],
                readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'smoke', namespace: NS },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'smoke' },
        minReplicas: 1,
        maxReplicas: 2,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'smoke', namespace: NS },
      spec: {
        type: 'NodePort',
        selector: labels,
        ports: [{ port: 80, targetPort: 8080, nodePort: NODE_PORT }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client', namespace: NS },
      spec: { ...onRealNode, containers: [container('client', ['sleep', '3600'])] },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hog', namespace: NS },
      // Allocates 256 MiB under a 24 MiB limit: the kernel OOM-kills it, the kubelet restarts it.
      spec: {
        ...onRealNode,
        containers: [container('hog', ['sh', '-c', 'head -c 268435456 /dev/zero | tail'], '24Mi')],
      },
    },
  ];
}

const smokePod = () =>
  json<{ items: PodStatus[] }>(['get', 'pods', '-n', NS, '-l', 'app=smoke']).items[0];

describeWhen(clusterMissing() ?? nodeMissing())('a real node in the local cluster', () => {
  let sysctlsBefore: Record<string, string> = {};
  let shimDirBefore = true;

  beforeAll(async () => {
    kubeconfig = await step('cluster up (kwok)', ensureCluster);
    if (!fs.existsSync(NODE_DIR)) {
      sysctlsBefore = sysctlsNow();
      shimDirBefore = fs.existsSync('/run/containerd');
    }
    await step('real node up', () => realNodeUp());
  }, CLUSTER_START_TIMEOUT_MS);

  afterAll(async () => {
    kubectl(['delete', 'namespace', NS, '--wait=false']);
  });

  it('registers beside the kwok nodes; status shows both kinds', async () => {
    const status = await clusterStatus();
    expect(status.nodeList).toEqual(
      expect.arrayContaining([
        { name: NODE.name, kind: 'real', ready: true },
        expect.objectContaining({ kind: 'kwok', ready: true }),
      ]),
    );
    const node = json<{
      status: {
        addresses: { type: string; address: string }[];
        nodeInfo: { containerRuntimeVersion: string };
      };
    }>(['get', 'node', NODE.name]);
    expect(node.status.addresses).toContainEqual({ type: 'InternalIP', address: NODE.ip });
    expect(node.status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\/2\./);
  });

  it('runs the smoke image built here: DNS and the API server from a pod, NodePort and ClusterIP from the host', async () => {
    const image = await step('smoke image build + push', buildSmokeImage);
    kubectl(['create', 'namespace', NS]);
    const applied = kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests(image) }),
    );
    expect(applied.stderr).toBe('');
    const pod = await step('smoke pod ready', () =>
      until('smoke pod ready', () => {
        const p = smokePod();
        return p?.status.containerStatuses?.[0]?.ready ? p : undefined;
      }),
    );
    expect(pod.spec.nodeName).toBe(NODE.name);
    expect(pod.status.podIP).toMatch(/^10\.244\.0\./);
    // The process runs on this machine, in a cgroup named after the pod.
    const pid = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .find((p) => {
        try {
          return fs
            .readFileSync(`/proc/${p}/cmdline`, 'utf8')
            .split('\0')
            .join(' ')
            .startsWith('httpd -f -v -p 8080');
        } catch {
          return false;
        }
      });
    expect(pid).toBeDefined();
    expect(fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8')).toContain(`pod${pod.metadata.uid}`);

    await step('client pod ready', () =>
      until(
        'client running',
        () =>
          json<PodStatus>(['get', 'pod', 'client', '-n', NS]).status.phase === 'Running' ||
          undefined,
      ),
    );
    const lookup = kubectl([
      'exec',
      '-n',
      NS,
      'client',
      '--',
      'nslookup',
      `smoke.${NS}.svc.${NODE.clusterDomain}`,
    ]);
    expect(lookup.stdout).toMatch(/Address: 10\.0\.0\.\d+/);
    const fromClient = (url: string) =>
      kubectl(['exec', '-n', NS, 'client', '--', 'wget', '-qO-', url]);
    const PAGE = 'served from a real container';
    expect(fromClient(`http://smoke.${NS}.svc.${NODE.clusterDomain}/`).stdout).toContain(PAGE);
    const fromHost = await step('NodePort from the host', () =>
      fetch(`http://127.0.0.1:${NODE_PORT}/`).then((r) => r.text()),
    );
    expect(fromHost).toContain(PAGE);
    const svc = json<{ spec: { clusterIP: string } }>(['get', 'service', 'smoke', '-n', NS]);
    expect(await fetch(`http://${svc.spec.clusterIP}/`).then((r) => r.text())).toContain(PAGE);
    // Pods reach the API server (it listens on 127.0.0.1 only): plain HTTP to its TLS port gets
    // the API server's own 400 answer back.
    const api = fromClient(`http://kubernetes.default.svc.${NODE.clusterDomain}:443/`);
    expect(api.stderr).toMatch(/400 Bad Request/);
  });

  it('serves kubectl logs and port-forward from the real kubelet', async () => {
    const name = smokePod().metadata.name;
    await until(
      'request logged',
      () => kubectl(['logs', '-n', NS, name]).stdout.includes('response:200') || undefined,
      30_000,
    );
    const forward = spawn(locateBinary('kubectl')!, [
      '--kubeconfig',
      kubeconfig,
      'port-forward',
      '-n',
      NS,
      `pod/${name}`,
      '18480:8080',
    ]);
    try {
      const body = await step('port-forward', async () => {
        for (let i = 0; i < 60; i++) {
          const r = await fetch('http://127.0.0.1:18480/').catch(() => undefined);
          if (r?.ok) return r.text();
          await new Promise((res) => setTimeout(res, 250));
        }
        throw new Error('port-forward never answered');
      });
      expect(body).toContain('served from a real container');
    } finally {
      forward.kill();
    }
  });

  it('serves resource metrics to kubectl top and the HPA (metrics-server)', async () => {
    const top = await step('kubectl top pod', () =>
      until(
        'pod metrics',
        () => {
          const r = kubectl(['top', 'pod', '-n', NS, '-l', 'app=smoke', '--no-headers']);
          return r.status === 0 && /\d+m\s+\d+Mi/.test(r.stdout) ? r.stdout : undefined;
        },
        180_000,
      ),
    );
    expect(top).toMatch(/^smoke-/);
    const hpa = await step('HPA reads the CPU metric', () =>
      until(
        'HPA current metrics',
        () => {
          const h = json<{
            status: {
              currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[];
            };
          }>(['get', 'hpa', 'smoke', '-n', NS]);
          const current = h.status.currentMetrics?.[0]?.resource?.current?.averageUtilization;
          return current !== undefined ? current : undefined;
        },
        180_000,
      ),
    );
    expect(hpa).toBeGreaterThanOrEqual(0);
  });

  it('restarts a kill -9ed container and an OOM-killed one', async () => {
    const before = smokePod();
    const pid = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .find((p) => {
        try {
          return (
            fs.readFileSync(`/proc/${p}/cgroup`, 'utf8').includes(`pod${before.metadata.uid}`) &&
            fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('httpd')
          );
        } catch {
          return false;
        }
      });
    process.kill(Number(pid), 'SIGKILL');
    const after = await step('restart after kill -9', () =>
      until('restarted and ready', () => {
        const s = smokePod().status.containerStatuses?.[0];
        return s && s.restartCount >= 1 && s.ready ? s : undefined;
      }),
    );
    expect(after.lastState?.terminated?.exitCode).toBe(137);
    const hog = await step('OOM kill and restart', () =>
      until('hog OOM-killed and restarted', () => {
        const s = json<PodStatus>(['get', 'pod', 'hog', '-n', NS]).status.containerStatuses?.[0];
        return s && s.restartCount >= 1 && s.lastState?.terminated?.reason === 'OOMKilled'
          ? s
          : undefined;
      }),
    );
    expect(hog.lastState?.terminated?.reason).toBe('OOMKilled');
  });

  it('down leaves no process, mount, namespace, link, chain or cgroup, and restores the sysctls', async () => {
    const nodePids = Object.values(realNodePids());
    expect(nodePids.length).toBeGreaterThanOrEqual(7);
    kubectl(['delete', 'namespace', NS, '--wait=false']);
    await step('real node down', () => realNodeDown());
    expect(await leftovers()).toEqual([]);
    // Nothing of the node stays in the API either: namespace deletion (which needs every
    // aggregated API to answer discovery) completes.
    expect(kubectl(['get', 'apiservice', 'v1beta1.metrics.k8s.io']).status).not.toBe(0);
    await step('namespace deletion after down', () =>
      until(
        'namespace gone',
        () => kubectl(['get', 'namespace', NS]).status !== 0 || undefined,
        90_000,
      ),
    );
    expect(fs.readdirSync('/var/log/pods').filter((d) => d.startsWith(`${NS}_`))).toEqual([]);
    expect(fs.existsSync(NODE_DIR)).toBe(false);
    if (Object.keys(sysctlsBefore).length > 0) {
      expect(sysctlsNow()).toEqual(sysctlsBefore);
      expect(fs.existsSync('/run/containerd')).toBe(shimDirBefore);
    }
    const status = await clusterStatus();
    expect(status.nodeList.filter((n) => n.kind === 'real' && n.ready)).toEqual([]);
    expect(nodePids.filter(isAlive)).toEqual([]);
  });
});
