// `mlops cluster up | down | status`: a local Kubernetes (etcd, kube-apiserver, controller-manager,
// scheduler, kwok with fake nodes) run by kwokctl's binary runtime from the toolchain's binaries,
// plus, when asked, one real node (cli/cluster/node). up and down are idempotent; down stops the
// real node, kills every process kwokctl recorded and removes all state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { locateBinary, resolveClusterBinaries } from './binaries';
import { isAlive } from './process-alive';
import { countReadyNodes, kubectl, kwokctl, listNodes, run, waitFor } from './kube';
import { realNodeDown, realNodePids, realNodeUp } from './node/real-node';
import { kwokctlConfig } from './kwokctl-config';
import { CLUSTER_DIR, LOCAL_CLUSTER_WORKDIR, LOCAL_KUBECONFIG } from './paths';

export type Progress = (message: string) => void;

export interface ClusterStatus {
  readonly state: 'absent' | 'stopped' | 'running';
  readonly kubeconfig: string;
  readonly server?: string;
  readonly nodes: { total: number; ready: number };
  /** Component name → pid of the cluster's processes (kwokctl's and the real node's) alive. */
  readonly processes: Readonly<Record<string, number>>;
  /** Every node with its kind: kwok (simulated) or real (kubelet + containerd). */
  readonly nodeList: readonly { name: string; kind: 'kwok' | 'real'; ready: boolean }[];
}

export const DEFAULT_NODE_COUNT = 2;

const CONFIG_FILE = path.join(CLUSTER_DIR, 'kwokctl.yaml');

/** pids kwokctl recorded for this cluster's components, only those still alive. */
export function livePids(): Record<string, number> {
  const dir = path.join(LOCAL_CLUSTER_WORKDIR, 'pids');
  const out: Record<string, number> = {};
  if (!fs.existsSync(dir)) return out;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.pid'))) {
    const pid = Number(fs.readFileSync(path.join(dir, file), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) out[file.replace(/\.pid$/, '')] = pid;
  }
  return out;
}

function serverOf(kubeconfigText: string): string | undefined {
  return /^\s*server:\s*(\S+)/m.exec(kubeconfigText)?.[1];
}

export async function clusterStatus(): Promise<ClusterStatus> {
  const base = { kubeconfig: LOCAL_KUBECONFIG, nodes: { total: 0, ready: 0 }, nodeList: [] };
  if (!fs.existsSync(LOCAL_CLUSTER_WORKDIR)) return { ...base, state: 'absent', processes: {} };
  const processes = { ...livePids(), ...realNodePids() };
  const server = fs.existsSync(LOCAL_KUBECONFIG)
    ? serverOf(fs.readFileSync(LOCAL_KUBECONFIG, 'utf8'))
    : undefined;
  const { kubectl: kubectlPath } = resolveClusterBinaries();
  const nodes = await kubectl(kubectlPath, ['get', 'nodes', '-o', 'json', '--request-timeout=5s']);
  if (!nodes.ok) return { ...base, state: 'stopped', server, processes };
  return {
    ...base,
    state: 'running',
    server,
    processes,
    nodes: countReadyNodes(nodes.stdout),
    nodeList: listNodes(nodes.stdout),
  };
}

async function served(kubectlPath: string): Promise<boolean> {
  return (await kubectl(kubectlPath, ['get', '--raw', '/readyz', '--request-timeout=3s'])).ok;
}

/** The version the kube-apiserver binary was stamped with (kwokctl picks flags by version). */
async function binaryKubeVersion(apiserver: string): Promise<string> {
  const out = await run(apiserver, ['--version'], { timeoutMs: 10_000 });
  const version = /Kubernetes (v\d+\.\d+\.\d+)/.exec(out.stdout)?.[1];
  if (!version || version === 'v0.0.0') {
    throw new Error(
      `${apiserver} reports no version ("${out.stdout.trim()}"): rebuild it with npm run toolchain`,
    );
  }
  return version;
}

function must(result: { ok: boolean; stderr: string }, what: string): void {
  if (!result.ok) throw new Error(`${what} failed: ${result.stderr.trim().slice(-2000)}`);
}

/** Starts the cluster (or finds it running) with `nodes` Ready fake nodes; returns status. */
export async function clusterUp(
  nodes = DEFAULT_NODE_COUNT,
  progress: Progress = () => {},
  options: { realNode?: boolean } = {},
): Promise<ClusterStatus> {
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 100) {
    throw new Error(`nodes must be an integer between 1 and 100, got ${nodes}`);
  }
  const binaries = resolveClusterBinaries();
  const kubeVersion = await binaryKubeVersion(binaries['kube-apiserver']);
  fs.mkdirSync(CLUSTER_DIR, { recursive: true });
  fs.writeFileSync(CONFIG_FILE, kwokctlConfig({ binaries, kubeVersion }));

  if (await served(binaries.kubectl)) {
    progress('cluster already running');
  } else if (fs.existsSync(LOCAL_CLUSTER_WORKDIR)) {
    progress('restarting the stopped cluster');
    const started = await kwokctl(binaries.kwokctl, ['start', 'cluster', '--wait', '120s']);
    if (!started.ok || !(await served(binaries.kubectl))) {
      progress('restart failed; recreating the cluster');
      await clusterDown(progress);
      return clusterUp(nodes, progress, options);
    }
  } else {
    progress(`creating cluster (Kubernetes ${kubeVersion}, kwok, etcd; loopback only)`);
    const created = await kwokctl(binaries.kwokctl, [
      '--config',
      CONFIG_FILE,
      'create',
      'cluster',
      '--runtime',
      'binary',
      '--kubeconfig',
      LOCAL_KUBECONFIG,
      '--wait',
      '120s',
    ]);
    must(created, 'kwokctl create cluster');
  }

  progress(`scaling to ${nodes} fake nodes`);
  must(
    await kwokctl(binaries.kwokctl, ['scale', 'node', '--replicas', String(nodes)]),
    'kwokctl scale node',
  );
  await waitFor(
    `${nodes} Ready nodes`,
    async () => {
      const list = await kubectl(binaries.kubectl, ['get', 'nodes', '-o', 'json']);
      return list.ok && countReadyNodes(list.stdout).ready >= nodes;
    },
    120_000,
  );
  // Pods are refused until the default ServiceAccount exists (token controller).
  await waitFor(
    'the default ServiceAccount',
    async () => (await kubectl(binaries.kubectl, ['get', 'serviceaccount', 'default'])).ok,
    60_000,
  );
  if (options.realNode) await realNodeUp(progress);
  progress(`ready: KUBECONFIG=${LOCAL_KUBECONFIG}`);
  return clusterStatus();
}

/** Stops every component, kills anything kwokctl left behind and removes all cluster state. */
export async function clusterDown(progress: Progress = () => {}): Promise<void> {
  await realNodeDown(progress);
  const before = livePids();
  if (fs.existsSync(LOCAL_CLUSTER_WORKDIR)) {
    progress('deleting cluster');
    const kwokctlPath = locateBinary('kwokctl');
    // Without kwokctl the pid files below still let us stop every component.
    if (kwokctlPath) {
      await kwokctl(kwokctlPath, ['delete', 'cluster', '--kubeconfig', LOCAL_KUBECONFIG]);
    }
  }
  for (const [name, pid] of Object.entries(before)) {
    if (!isAlive(pid)) continue;
    progress(`stopping leftover ${name} (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
    await waitFor(`${name} to exit`, async () => !isAlive(pid), 10_000).catch(() => {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    });
  }
  fs.rmSync(CLUSTER_DIR, { recursive: true, force: true });
  progress('cluster removed');
}
