// Small kubectl/kwokctl runners for the local cluster lifecycle: every call carries the cluster's
// kubeconfig or kwokctl work directory explicitly, never the user's ambient ~/.kube/config.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KWOK_WORKDIR, LOCAL_CLUSTER_NAME, LOCAL_KUBECONFIG } from './paths';

const execFileAsync = promisify(execFile);

/** Output of a finished command; `ok` is false on a non-zero exit or a timeout. */
export interface RunResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; never throws for a failing exit code. */
export async function run(
  file: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(file, [...args], {
      timeout: options.timeoutMs ?? 120_000,
      env: options.env ?? process.env,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr || e.message };
  }
}

/** kwokctl with the project's work directory and cluster name. */
export function kwokctl(
  kwokctlPath: string,
  args: readonly string[],
  timeoutMs = 300_000,
): Promise<RunResult> {
  const env = { ...process.env, KWOK_WORKDIR };
  return run(kwokctlPath, ['--name', LOCAL_CLUSTER_NAME, ...args], { env, timeoutMs });
}

/** kubectl against the local cluster's kubeconfig. */
export function kubectl(
  kubectlPath: string,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<RunResult> {
  return run(kubectlPath, ['--kubeconfig', LOCAL_KUBECONFIG, ...args], { timeoutMs });
}

interface NodeList {
  items: {
    metadata?: { name?: string; labels?: Record<string, string> };
    status?: { conditions?: { type: string; status: string }[] };
  }[];
}

const isReady = (node: NodeList['items'][number]): boolean =>
  (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Each node's name, kind (kwok nodes carry the label type=kwok) and readiness. */
export function listNodes(
  nodeListJson: string,
): { name: string; kind: 'kwok' | 'real'; ready: boolean }[] {
  return (JSON.parse(nodeListJson) as NodeList).items.map((n) => ({
    name: n.metadata?.name ?? '',
    kind: n.metadata?.labels?.type === 'kwok' ? 'kwok' : 'real',
    ready: isReady(n),
  }));
}

/** Counts nodes and how many of them report Ready=True. */
export function countReadyNodes(nodeListJson: string): { total: number; ready: number } {
  const list = JSON.parse(nodeListJson) as NodeList;
  const ready = list.items.filter(isReady).length;
  return { total: list.items.length, ready };
}

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
