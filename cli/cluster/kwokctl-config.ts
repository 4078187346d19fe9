// The kwokctl configuration of the local cluster: binary runtime with our own binaries (no
// downloads), every listener on loopback, RBAC (Node,RBAC) and admission plugins (PodSecurity
// included) on. Pure, so the security-relevant settings are unit-tested.
import { stringify } from 'yaml';
import type { ClusterBinary } from './binaries';

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
  });
}
