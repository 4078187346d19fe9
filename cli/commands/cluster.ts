// `mlops cluster up | down | status`: the local Kubernetes cluster (see cli/cluster/lifecycle.ts).
import type { Command } from 'commander';
import { CliError } from '../errors';
import { clusterDown, clusterStatus, clusterUp, DEFAULT_NODE_COUNT } from '../cluster/lifecycle';
import type { ClusterStatus } from '../cluster/lifecycle';
import { missingNodeRequirements } from '../cluster/node/real-node';

const say = (message: string): void => {
  process.stderr.write(`[cluster] ${message}\n`);
};

/** Human-readable status lines (the --json flag prints the object instead). */
export function formatStatus(status: ClusterStatus): string {
  const lines = [`state:      ${status.state}`, `kubeconfig: ${status.kubeconfig}`];
  if (status.server) lines.push(`server:     ${status.server}`);
  if (status.state === 'running') {
    lines.push(`nodes:      ${status.nodes.ready}/${status.nodes.total} Ready`);
    for (const kind of ['real', 'kwok'] as const) {
      const nodes = status.nodeList.filter((n) => n.kind === kind);
      if (nodes.length === 0) continue;
      const names = nodes.map((n) => `${n.name}${n.ready ? '' : ' (NotReady)'}`).join(', ');
      lines.push(
        `  ${kind === 'real' ? 'real (kubelet + containerd)' : 'kwok (simulated)'}: ${names}`,
      );
    }
  }
  const procs = Object.entries(status.processes).map(([name, pid]) => `${name}=${pid}`);
  if (procs.length > 0) lines.push(`processes:  ${procs.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

function parseNodes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new CliError(`--nodes must be an integer between 1 and 100, got "${value}"`, 2);
  }
  return n;
}

async function timed(what: string, action: () => Promise<unknown>): Promise<void> {
  const t0 = Date.now();
  try {
    await action();
  } catch (error) {
    throw new CliError(`cluster ${what}: ${error instanceof Error ? error.message : error}`);
  }
  say(`${what} done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

export function registerCluster(program: Command): void {
  const cluster = program
    .command('cluster')
    .description(
      'local Kubernetes (etcd, kube-apiserver, controller-manager, scheduler, kwok nodes, one real node)',
    );
  cluster
    .command('up')
    .description('start the local cluster (idempotent) and write its kubeconfig')
    .option('--nodes <n>', 'number of fake (kwok) nodes', String(DEFAULT_NODE_COUNT))
    .option('--no-real-node', 'kwok nodes only: no kubelet, containerd or host networking')
    .action(async (opts: { nodes: string; realNode: boolean }) => {
      const nodes = parseNodes(opts.nodes);
      const missing = opts.realNode ? missingNodeRequirements() : [];
      if (missing.length > 0) say(`no real node: it needs ${missing.join(', ')}`);
      const realNode = opts.realNode && missing.length === 0;
      await timed('up', async () =>
        process.stdout.write(formatStatus(await clusterUp(nodes, say, { realNode }))),
      );
    });
  cluster
    .command('down')
    .description('stop every cluster process and delete all cluster state (idempotent)')
    .action(() => timed('down', () => clusterDown(say)));
  cluster
    .command('status')
    .description('report whether the local cluster runs, its kubeconfig, nodes and processes')
    .option('--json', 'print the status as JSON')
    .action(async (opts: { json?: boolean }) => {
      const status = await clusterStatus();
      process.stdout.write(
        opts.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status),
      );
    });
}
