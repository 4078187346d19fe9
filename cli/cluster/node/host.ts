// What the real node changes on the machine, and how down undoes it: the node's dummy interface,
// the CNI bridge and network namespaces, iptables chains (kube-proxy's and the kubelet's KUBE-*,
// the CNI plugins' CNI-*), mounts under the node directory, pod cgroups, containerd's shim
// sockets, and two sysctls (ip_forward, turned on by the bridge plugin; route_localnet, by
// kube-proxy for NodePorts on 127.0.0.1), restored to what they were before up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../kube';
import { NODE, NODE_DIR, NODE_PATHS } from './layout';

const SYSCTLS = ['net/ipv4/ip_forward', 'net/ipv4/conf/all/route_localnet'] as const;
const sysctlPath = (key: string) => path.join('/proc/sys', key);
const CHAIN = /^(KUBE-|CNI-)/;
const CGROUP_ROOT = '/sys/fs/cgroup';
/** containerd's shim sockets live here whatever its state directory. */
const SHIM_SOCKETS = '/run/containerd';

async function must(file: string, args: string[]): Promise<void> {
  const r = await run(file, args, { timeoutMs: 30_000 });
  if (!r.ok) throw new Error(`${file} ${args.join(' ')}: ${r.stderr.trim()}`);
}

/** Records the sysctls (once: a second up keeps the first record) and whether /run/containerd existed. */
export function recordHostState(): void {
  if (fs.existsSync(NODE_PATHS.hostState)) return;
  const sysctls = Object.fromEntries(
    SYSCTLS.map((k) => [k, fs.readFileSync(sysctlPath(k), 'utf8').trim()]),
  );
  fs.mkdirSync(path.dirname(NODE_PATHS.hostState), { recursive: true });
  fs.writeFileSync(
    NODE_PATHS.hostState,
    JSON.stringify({ sysctls, shimSocketsExisted: fs.existsSync(SHIM_SOCKETS) }),
  );
}

/** The node's address on its own dummy interface (idempotent). */
export async function addNodeInterface(): Promise<void> {
  const exists = await run('ip', ['link', 'show', NODE.interface]);
  if (!exists.ok) await must('ip', ['link', 'add', NODE.interface, 'type', 'bridge']);
  const addr = await run('ip', ['-br', 'addr', 'show', NODE.interface]);
  if (!addr.stdout.includes(NODE.ip))
    await must('ip', ['addr', 'add', `${NODE.ip}/32`, 'dev', NODE.interface]);
  await must('ip', ['link', 'set', NODE.interface, 'up']);
}

/** iptables chains of ours in every table, as [table, chain]. */
async function ourChains(binary: 'iptables' | 'ip6tables'): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const table of ['filter', 'nat', 'mangle', 'raw']) {
    const save = await run(`${binary}-save`, ['-t', table]);
    for (const m of save.stdout.matchAll(/^:(\S+)/gm))
      if (CHAIN.test(m[1])) out.push([table, m[1]]);
  }
  return out;
}

/** Removes every KUBE- and CNI- chain and the rules that jump to them (both IP families). */
async function removeChains(): Promise<void> {
  for (const binary of ['iptables', 'ip6tables'] as const) {
    for (const table of ['filter', 'nat', 'mangle', 'raw']) {
      const save = await run(`${binary}-save`, ['-t', table]);
      for (const line of save.stdout.split('\n')) {
        const jump = /^-A (\S+) (.*-j (KUBE-|CNI-)\S*.*)$/.exec(line);
        if (jump && !CHAIN.test(jump[1]))
          await run(binary, ['-t', table, '-D', jump[1], ...splitRule(jump[2])]);
      }
    }
    const chains = await ourChains(binary);
    for (const [table, chain] of chains) await run(binary, ['-t', table, '-F', chain]);
    for (const [table, chain] of chains) await run(binary, ['-t', table, '-X', chain]);
  }
}

/** Splits an iptables-save rule into arguments (quoted comments stay whole). */
function splitRule(rule: string): string[] {
  return [...rule.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** Mount points under the node directory, deepest first. */
function ourMounts(): string[] {
  const mounts = fs.readFileSync('/proc/self/mounts', 'utf8').split('\n');
  return mounts
    .map((l) => l.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter(
      (m): m is string => !!m && (m.startsWith(`${NODE_DIR}/`) || m.startsWith('/run/netns/cni-')),
    )
    .sort((a, b) => b.length - a.length);
}

/** Pod cgroups (kubepods*) in every v1 hierarchy, deepest first. */
function ourCgroups(): string[] {
  const found: string[] = [];
  // Every directory of a kubepods tree (its QoS classes, pods and containers included).
  const walk = (dir: string, inside: boolean) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = path.join(dir, e.name);
      const ours = inside || e.name.startsWith('kubepods');
      if (ours) found.push(p);
      if (ours) walk(p, true);
    }
  };
  if (!fs.existsSync(CGROUP_ROOT)) return [];
  for (const h of fs.readdirSync(CGROUP_ROOT)) {
    const dir = path.join(CGROUP_ROOT, h);
    try {
      walk(dir, false);
    } catch {
      // not a readable hierarchy
    }
  }
  return found.sort((a, b) => b.length - a.length);
}

/** SIGKILLs whatever still runs in a pod cgroup (containers whose shim is gone). */
function killCgroupProcesses(): void {
  for (const cg of ourCgroups()) {
    let procs: string[] = [];
    try {
      procs = fs.readFileSync(path.join(cg, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
    } catch {
      continue;
    }
    for (const pid of procs) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
  }
}

async function cniNetns(): Promise<string[]> {
  const r = await run('ip', ['netns', 'list']);
  return r.stdout
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => n.startsWith('cni-'));
}

async function linkExists(name: string): Promise<boolean> {
  return (await run('ip', ['link', 'show', name])).ok;
}

/** Undoes everything up changed on the machine; processes must be stopped first. */
export async function restoreHost(): Promise<void> {
  killCgroupProcesses();
  for (const m of ourMounts()) await run('umount', ['-l', m]);
  for (const ns of await cniNetns()) await run('ip', ['netns', 'delete', ns]);
  for (const link of [NODE.bridge, NODE.interface])
    if (await linkExists(link)) await run('ip', ['link', 'delete', link]);
  await removeChains();
  for (const cg of ourCgroups()) {
    try {
      fs.rmdirSync(cg);
    } catch {
      // still has processes or children: reported by leftovers()
    }
  }
  let state: { sysctls?: Record<string, string>; shimSocketsExisted?: boolean } = {};
  try {
    state = JSON.parse(fs.readFileSync(NODE_PATHS.hostState, 'utf8'));
  } catch {
    // up never recorded anything
  }
  for (const [key, value] of Object.entries(state.sysctls ?? {}))
    fs.writeFileSync(sysctlPath(key), value);
  if (state.shimSocketsExisted === false) fs.rmSync(SHIM_SOCKETS, { recursive: true, force: true });
}

/** What up left behind on the machine (empty after a clean down); each entry names the thing. */
export async function leftovers(): Promise<string[]> {
  const out: string[] = [];
  for (const m of ourMounts()) out.push(`mount ${m}`);
  for (const ns of await cniNetns()) out.push(`network namespace ${ns}`);
  for (const link of [NODE.bridge, NODE.interface])
    if (await linkExists(link)) out.push(`link ${link}`);
  for (const binary of ['iptables', 'ip6tables'] as const)
    for (const [table, chain] of await ourChains(binary))
      out.push(`${binary} ${table} chain ${chain}`);
  for (const cg of ourCgroups()) out.push(`cgroup ${cg}`);
  return out;
}

/** The sysctls as recorded before up, and as they are now. */
export function sysctlsNow(): Record<string, string> {
  return Object.fromEntries(SYSCTLS.map((k) => [k, fs.readFileSync(sysctlPath(k), 'utf8').trim()]));
}
