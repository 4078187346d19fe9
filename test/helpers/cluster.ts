// Shares one local Kubernetes cluster between test files: ensureCluster() starts it when it is not
// running and returns the kubeconfig path; stopCluster() (e.g. from a jest globalTeardown) removes
// it only when a test started it, so a developer's own running cluster is left alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingClusterBinaries } from '../../cli/cluster/binaries';
import { clusterDown, clusterStatus, clusterUp } from '../../cli/cluster/lifecycle';
import { CLUSTER_DIR, LOCAL_KUBECONFIG } from '../../cli/cluster/paths';

export { LOCAL_KUBECONFIG } from '../../cli/cluster/paths';

/** Written when a test started the cluster; survives jest's per-file module registry. */
const STARTED_BY_TESTS = path.join(CLUSTER_DIR, 'started-by-tests');

/** A reason to skip (for describeWhen) when the cluster binaries are missing, else undefined. */
export function clusterMissing(): string | undefined {
  const missing = missingClusterBinaries();
  return missing.length === 0
    ? undefined
    : `local cluster needs ${missing.join(', ')} (run npm run toolchain)`;
}

/** Time a test hook should allow for ensureCluster() on a cold start. */
export const CLUSTER_START_TIMEOUT_MS = 360_000;

/** Starts the local cluster unless it already runs with Ready nodes; returns the kubeconfig. */
export async function ensureCluster(): Promise<string> {
  const status = await clusterStatus();
  if (status.state === 'running' && status.nodes.ready >= 2) return LOCAL_KUBECONFIG;
  const startedHere = status.state !== 'running';
  await clusterUp();
  if (startedHere) fs.writeFileSync(STARTED_BY_TESTS, `${process.pid}\n`);
  return LOCAL_KUBECONFIG;
}

/** Removes the cluster if a test started it (pass force to remove it regardless). */
export async function stopCluster(options: { force?: boolean } = {}): Promise<void> {
  if (options.force || fs.existsSync(STARTED_BY_TESTS)) await clusterDown();
}

/** True when a test (not a developer) started the running cluster. */
export function startedByTests(): boolean {
  return fs.existsSync(STARTED_BY_TESTS);
}
