// The kwokctl configuration of the local cluster: binary runtime with our own binaries (no
// downloads), every listener on loopback, RBAC (Node,RBAC) and admission plugins (PodSecurity
// included) on. Pure, so the security-relevant settings are unit-tested.
import { stringify } from 'yaml';
import * as path from 'node:path';
import type { ClusterBinary } from './binaries';
import { NODE } from './node/layout';
import { LOCAL_CLUSTER_WORKDIR } from './paths';

export interface KwokctlConfigInput {
  /** Paths of the binaries (see resolveClusterBinaries). */
  readonly binaries: Readonly<Record<ClusterBinary, string>>;
  /** Kubernetes version the binaries were built at, e.g. v1.33.13 (versions.env). */
  readonly kubeVersion: string;
}

/** KwokctlConfiguration (config.kwok.x-k8s.io/v1alpha1) as YAML. */
export function kwokctlConfig({ binaries, kubeVersion }: KwokctlConfigInput): string {
  if (!/^v\d+\.\d+\.\d+$/.test(kubeVersion)) {
    throw new Error(`kubeVersion must look like v1.33.13, got "${kubeVersion}"`);
  }
  const pki = path.join(LOCAL_CLUSTER_WORKDIR, 'pki');
  return stringify({
    apiVersion: 'config.kwok.x-k8s.io/v1alpha1',
    kind: 'KwokctlConfiguration',
    options: {
      runtime: 'binary',
      kubeVersion,
      // kwokctl defaults to 0.0.0.0; the local cluster must not be reachable from the network.
      bindAddress: '127.0.0.1',
      securePort: true,
      kubeAuthorization: true,
      kubeAdmission: true,
      kubeApiserverBinary: binaries['kube-apiserver'],
      kubeControllerManagerBinary: binaries['kube-controller-manager'],
      kubeSchedulerBinary: binaries['kube-scheduler'],
      kwokControllerBinary: binaries.kwok,
      etcdBinary: binaries.etcd,
      kubectlBinary: binaries.kubectl,
    },
    // The real node (cli/cluster/node): the API server calls its kubelet (logs, exec,
    // port-forward) with the admin client certificate, and advertises the node address, where
    // a forwarder lets pods reach it (it listens on 127.0.0.1 only).
    componentsPatches: [
      {
        name: 'kube-apiserver',
        extraArgs: [
          { key: 'kubelet-client-certificate', value: path.join(pki, 'admin.crt') },
          { key: 'kubelet-client-key', value: path.join(pki, 'admin.key') },
          { key: 'advertise-address', value: NODE.ip },
          // Node names resolve nowhere on this machine: call kubelets at their InternalIP.
          { key: 'kubelet-preferred-address-types', value: 'InternalIP,Hostname' },
          // Aggregated APIs (metrics-server) are called at their endpoints, not the Service IP,
          // through the front proxy: the admin certificate, with the caller's identity in headers.
          { key: 'enable-aggregator-routing', value: 'true' },
          { key: 'requestheader-client-ca-file', value: path.join(pki, 'ca.crt') },
          { key: 'requestheader-allowed-names', value: 'kwok-admin' },
          { key: 'requestheader-username-headers', value: 'X-Remote-User' },
          { key: 'requestheader-group-headers', value: 'X-Remote-Group' },
          { key: 'requestheader-extra-headers-prefix', value: 'X-Remote-Extra-' },
        ],
      },
      // kwok simulates its own nodes only (kwokctl labels them type=kwok), never the real one.
      {
        name: 'kwok-controller',
        extraArgs: [
          { key: 'manage-all-nodes', value: 'false' },
          { key: 'manage-nodes-with-label-selector', value: 'type=kwok' },
        ],
      },
    ],
  });
}
