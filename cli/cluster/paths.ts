// Where the local Kubernetes cluster lives on disk. Everything is under <repo>/.data/cluster
// (git-ignored) so `mlops cluster down` can remove it in one go; tests and the Pulumi `local` stack
// read LOCAL_KUBECONFIG from here instead of the user's ~/.kube/config.
import * as path from 'node:path';
import { LOCAL_DATA_DIR } from '../../core/contract';

/** Root of the repository this module belongs to. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Binaries built by `npm run toolchain` (scripts/toolchain.sh) are linked here. */
export const TOOLS_BIN_DIR = path.join(REPO_ROOT, '.tools', 'bin');

/** All state of the local cluster: kubeconfig, certificates, etcd data, component logs. */
export const CLUSTER_DIR = path.join(REPO_ROOT, LOCAL_DATA_DIR, 'cluster');

/** Admin kubeconfig of the local cluster, written by `mlops cluster up`. */
export const LOCAL_KUBECONFIG = path.join(CLUSTER_DIR, 'kubeconfig');

/** kwokctl's work directory (KWOK_WORKDIR): certificates, etcd data, pid files and logs. */
export const KWOK_WORKDIR = path.join(CLUSTER_DIR, 'kwok');

/** The kwokctl cluster name; the kubeconfig context is `kwok-<name>`. */
export const LOCAL_CLUSTER_NAME = 'mlops-local';

/** kwokctl keeps one directory per cluster under its work directory. */
export const LOCAL_CLUSTER_WORKDIR = path.join(KWOK_WORKDIR, 'clusters', LOCAL_CLUSTER_NAME);
