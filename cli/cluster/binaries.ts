// Finds the executables the local cluster runs: the project's .tools/bin first (what the toolchain
// built at the pinned versions), then PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOOLS_BIN_DIR } from './paths';

/** Every process the cluster needs, by executable name. */
export const CLUSTER_BINARIES = [
  'kwokctl',
  'kwok',
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
] as const;

export type ClusterBinary = (typeof CLUSTER_BINARIES)[number];

/** Absolute path of `name` in .tools/bin or on PATH; undefined when absent. */
export function locateBinary(name: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of [TOOLS_BIN_DIR, ...pathEnv.split(path.delimiter).filter(Boolean)]) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Names of the cluster binaries that cannot be found (empty when the cluster can start). */
export function missingClusterBinaries(): ClusterBinary[] {
  return CLUSTER_BINARIES.filter((name) => locateBinary(name) === undefined);
}

/** Paths of every cluster binary; throws naming the missing ones and how to get them. */
export function resolveClusterBinaries(): Readonly<Record<ClusterBinary, string>> {
  const missing = missingClusterBinaries();
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: run \`npm run toolchain\` (builds them into .tools/bin)`,
    );
  }
  const entries = CLUSTER_BINARIES.map((name) => [name, locateBinary(name) as string]);
  return Object.freeze(Object.fromEntries(entries) as Record<ClusterBinary, string>);
}
