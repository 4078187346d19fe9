// One real node beside the kwok nodes: containerd + runc, the kubelet (registered with the API
// server, tainted so only workloads that ask for it land here), kube-proxy (iptables), CoreDNS,
// the image registry on 127.0.0.1 and a forwarder that lets pods reach the loopback-only API
// server. Needs root (namespaces, cgroups, iptables). Idempotent; down undoes all of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { locateBinary } from '../binaries';
import { kubectl, run, waitFor } from '../kube';
import { LOCAL_KUBECONFIG } from '../paths';
import {
  containerdConfig,
  cniConflist,
  corefile,
  kubeletConfig,
  kubeProxyConfig,
  registryConfig,
  registryHostsToml,
} from './configs';
import { daemonNames, daemonPid, logTail, startDaemon, stopDaemon } from './daemons';
import { addNodeInterface, recordHostState, restoreHost } from './host';
import { ensurePauseImage } from './images';
import { NODE, NODE_DIR, NODE_PATHS, REGISTRY_ALIASES } from './layout';
import { METRICS_SERVER_PORT, nodeManifests } from './manifests';
import { CLUSTER_CA, issueNodeIdentities } from './pki';

export type Progress = (message: string) => void;

/** The binaries the real node runs; `missing` names those not built. */
export const NODE_BINARIES = [
  'containerd',
  'containerd-shim-runc-v2',
  'ctr',
  'runc',
  'kubelet',
  'kube-proxy',
  'coredns',
  'registry',
  'metrics-server',
  'pause',
  'socat',
  'buildah',
] as const;

export function missingNodeRequirements(): string[] {
  const missing: string[] = NODE_BINARIES.filter((b) => !locateBinary(b));
  if (process.getuid?.() !== 0) missing.push('root (namespaces, cgroups and iptables)');
  return missing;
}

function bin(name: (typeof NODE_BINARIES)[number]): string {
  const found = locateBinary(name);
  if (!found) throw new Error(`${name} not found: run \`npm run toolchain\` (or setup)`);
  return found;
}

/** Writes a config file unless it already holds `text` (kube-proxy exits when its file changes). */
function write(file: string, text: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The API server's port on 127.0.0.1, from the admin kubeconfig. */
function apiPort(): number {
  const server = /server:\s*https:\/\/127\.0\.0\.1:(\d+)/.exec(
    fs.readFileSync(LOCAL_KUBECONFIG, 'utf8'),
  );
  if (!server) throw new Error(`no https://127.0.0.1:<port> server in ${LOCAL_KUBECONFIG}`);
  return Number(server[1]);
}

async function ctr(args: string[]) {
  return run(bin('ctr'), [
    '--address',
    NODE_PATHS.containerdSocket,
    '--namespace',
    'k8s.io',
    ...args,
  ]);
}

function started(name: string, file: string, args: string[], env?: NodeJS.ProcessEnv): void {
  startDaemon(name, file, args, env);
}

async function waitUntil(name: string, what: string, check: () => Promise<boolean>, ms = 60_000) {
  await waitFor(
    what,
    async () => {
      if (!daemonPid(name)) throw new Error(`${name} exited:\n${logTail(name)}`);
      return check();
    },
    ms,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n--- ${name} log ---\n${logTail(name)}`);
  });
}

/** Starts (or finds running) the real node and waits for it to be Ready. */
export async function realNodeUp(progress: Progress = () => {}): Promise<void> {
  const missing = missingNodeRequirements();
  if (missing.length > 0) throw new Error(`the real node needs ${missing.join(', ')}`);
  const port = apiPort();
  const kubectlPath = locateBinary('kubectl');
  if (!kubectlPath) throw new Error('kubectl not found: run `npm ci`');
  recordHostState();
  await addNodeInterface();

  progress(`image registry on 127.0.0.1:${NODE.registryPort}`);
  write(NODE_PATHS.registryConfig, registryConfig());
  started('registry', bin('registry'), ['serve', NODE_PATHS.registryConfig]);
  await waitUntil(
    'registry',
    'the registry',
    async () =>
      (await fetch(`http://127.0.0.1:${NODE.registryPort}/v2/`).catch(() => undefined))?.ok ??
      false,
  );

  progress('containerd + runc');
  write(NODE_PATHS.containerdConfig, containerdConfig(bin('runc')));
  for (const alias of REGISTRY_ALIASES)
    write(path.join(NODE_PATHS.registryHosts, alias, 'hosts.toml'), registryHostsToml());
  write(path.join(NODE_PATHS.cniConfDir, '10-mlops.conflist'), cniConflist());
  const shimPath = [
    path.dirname(bin('containerd-shim-runc-v2')),
    path.dirname(bin('runc')),
    process.env.PATH,
  ].join(':');
  started('containerd', bin('containerd'), ['--config', NODE_PATHS.containerdConfig], {
    ...process.env,
    PATH: shimPath,
  });
  await waitUntil('containerd', 'containerd', async () => (await ctr(['version'])).ok);

  progress('sandbox image (pause, built with buildah)');
  await ensurePauseImage();

  progress('node certificates and the API server forwarder');
  const ids = await issueNodeIdentities(`https://127.0.0.1:${port}`);
  started('apiserver-forwarder', bin('socat'), [
    `TCP-LISTEN:${port},bind=${NODE.ip},fork,reuseaddr`,
    `TCP:127.0.0.1:${port}`,
  ]);
  const manifests = path.join(NODE_DIR, 'manifests.json');
  write(manifests, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: nodeManifests() }));
  const applied = await kubectl(kubectlPath, ['apply', '-f', manifests]);
  if (!applied.ok) throw new Error(`applying the node's objects failed: ${applied.stderr}`);

  progress('CoreDNS, kube-proxy, kubelet');
  write(NODE_PATHS.corefile, corefile(ids.corednsKubeconfig));
  started('coredns', bin('coredns'), ['-conf', NODE_PATHS.corefile]);
  write(NODE_PATHS.kubeProxyConfig, kubeProxyConfig(ids.kubeProxyKubeconfig));
  started('kube-proxy', bin('kube-proxy'), ['--config', NODE_PATHS.kubeProxyConfig]);
  write(
    NODE_PATHS.kubeletConfig,
    kubeletConfig({
      ca: CLUSTER_CA.cert,
      ...ids.kubeletServing,
    }),
  );
  const t = NODE.taint;
  started('kubelet', bin('kubelet'), [
    '--config',
    NODE_PATHS.kubeletConfig,
    '--kubeconfig',
    ids.kubeletKubeconfig,
    '--hostname-override',
    NODE.name,
    '--node-ip',
    NODE.ip,
    '--node-labels',
    `${NODE.label.key}=${NODE.label.value}`,
    '--register-with-taints',
    `${t.key}=${t.value}:${t.effect}`,
    '--root-dir',
    NODE_PATHS.kubeletRoot,
  ]);
  await waitUntil(
    'kubelet',
    `node ${NODE.name} Ready`,
    async () => {
      const r = await kubectl(kubectlPath, [
        'get',
        'node',
        NODE.name,
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
      ]);
      return r.ok && r.stdout.trim() === 'True';
    },
    120_000,
  );
  progress('metrics-server (kubectl top, the HPA)');
  const ms = ids.metricsServerKubeconfig;
  started('metrics-server', bin('metrics-server'), [
    `--bind-address=${NODE.ip}`,
    `--secure-port=${METRICS_SERVER_PORT}`,
    `--cert-dir=${path.join(NODE_DIR, 'metrics-server')}`,
    `--kubeconfig=${ms}`,
    `--authentication-kubeconfig=${ms}`,
    `--authorization-kubeconfig=${ms}`,
    // The API server's aggregation proxy presents the admin certificate of the cluster CA.
    `--client-ca-file=${CLUSTER_CA.cert}`,
    `--kubelet-certificate-authority=${CLUSTER_CA.cert}`,
    `--kubelet-client-certificate=${ids.metricsServerIdentity.cert}`,
    `--kubelet-client-key=${ids.metricsServerIdentity.key}`,
    '--kubelet-preferred-address-types=InternalIP',
    `--node-selector=${NODE.label.key}=${NODE.label.value}`,
    '--metric-resolution=15s',
  ]);
  progress(`real node ${NODE.name} Ready (${NODE.ip})`);
}

/** Daemon name → pid of the real node's processes that are alive. */
export function realNodePids(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of daemonNames()) {
    const pid = daemonPid(name);
    if (pid) out[name] = pid;
  }
  return out;
}

/** Stops the node's pods and processes and undoes every change on the machine. */
export async function realNodeDown(progress: Progress = () => {}): Promise<void> {
  if (!fs.existsSync(NODE_DIR)) return;
  const kubectlPath = locateBinary('kubectl');
  if (daemonPid('kubelet') && kubectlPath) {
    progress("removing the real node's pods");
    await kubectl(kubectlPath, [
      'delete',
      'pods',
      '--all-namespaces',
      '--field-selector',
      `spec.nodeName=${NODE.name}`,
      '--grace-period=1',
      '--wait=false',
    ]);
    await waitFor(
      "the node's containers to stop",
      async () => {
        // Stopped sandboxes stay listed until the kubelet collects them: only RUNNING counts.
        const tasks = await ctr(['tasks', 'ls']);
        return !tasks.ok || !/\sRUNNING\s*$/m.test(tasks.stdout);
      },
      60_000,
    ).catch(() => progress('some containers did not stop in 60 s; killing them'));
    // Their containers are stopped: remove the pod objects now rather than leave them
    // Terminating until the pod garbage collector notices the node is gone (about a minute).
    await kubectl(kubectlPath, [
      'delete',
      'pods',
      '--all-namespaces',
      '--field-selector',
      `spec.nodeName=${NODE.name}`,
      '--force',
      '--grace-period=0',
      '--wait=false',
    ]);
  }
  // Its cluster objects go first: an APIService whose metrics-server is gone fails API
  // discovery, and namespace deletion waits on discovery forever.
  const manifests = path.join(NODE_DIR, 'manifests.json');
  if (kubectlPath && fs.existsSync(manifests))
    await kubectl(kubectlPath, ['delete', '-f', manifests, '--ignore-not-found', '--wait=false']);
  progress("stopping the real node's processes");
  for (const name of ['kubelet', 'kube-proxy', 'coredns', 'apiserver-forwarder'])
    await stopDaemon(name);
  // The node object goes too: no stale Ready node that nothing runs.
  if (kubectlPath) await kubectl(kubectlPath, ['delete', 'node', NODE.name, '--ignore-not-found']);
  const proxy = locateBinary('kube-proxy');
  if (proxy) await run(proxy, ['--cleanup'], { timeoutMs: 30_000 });
  await killShims();
  for (const name of daemonNames()) await stopDaemon(name);
  progress('restoring the host (mounts, links, iptables, cgroups, sysctls)');
  await restoreHost();
  fs.rmSync(NODE_DIR, { recursive: true, force: true });
}

/** containerd's shims (and so their containers) for this node, killed if still running. */
async function killShims(): Promise<void> {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmd.includes('containerd-shim-runc-v2') && cmd.includes(NODE_PATHS.containerdSocket)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
}
