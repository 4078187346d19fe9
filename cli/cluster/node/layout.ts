// Where the real node lives and the addresses it uses. Everything on disk is under
// .data/cluster/node (removed by cluster down); every address is private to this machine: the
// node's own address sits on a dummy interface, pods on a bridge, nothing listens on eth0.
import * as path from 'node:path';
import { CLUSTER_DIR, REPO_ROOT } from '../paths';

export const NODE_DIR = path.join(CLUSTER_DIR, 'node');

export const NODE = {
  name: 'mlops-node',
  /** The node's InternalIP: the kubelet, CoreDNS and the API server forwarder listen here. */
  ip: '10.200.0.1',
  /** Interface that holds `ip`: a bridge without ports (this kernel has no dummy links). */
  interface: 'mlops-node0',
  /** The CNI bridge and the pods' subnet (its first address is the bridge's). */
  bridge: 'mlops-br0',
  podCidr: '10.244.0.0/24',
  /** kube-apiserver's default service range (kwokctl sets none). */
  serviceCidr: '10.0.0.0/24',
  dnsServiceIp: '10.0.0.10',
  clusterDomain: 'cluster.local',
  kubeletPort: 10250,
  /** The image registry on the host: 127.0.0.1 only. */
  registryPort: 5001,
  /** Workloads that must run for real select this label and tolerate the taint. */
  label: { key: 'mlops-stack.dev/node', value: 'real' },
  taint: { key: 'mlops-stack.dev/real-node', value: 'true', effect: 'NoSchedule' },
} as const;

/** Names under which containerd resolves the local registry (the in-cluster name included). */
export const REGISTRY_ALIASES = [`registry.mlops.local:${NODE.registryPort}`] as const;

/** The sandbox ("pause") image, built from the toolchain's pause program. */
export const PAUSE_IMAGE = `${REGISTRY_ALIASES[0]}/mlops/pause:1`;

export const CNI_BIN_DIR = path.join(REPO_ROOT, '.tools', 'cni');

export const nodePath = (...parts: string[]): string => path.join(NODE_DIR, ...parts);

export const NODE_PATHS = {
  containerdConfig: nodePath('containerd', 'config.toml'),
  containerdRoot: nodePath('containerd', 'root'),
  containerdState: nodePath('containerd', 'state'),
  containerdSocket: nodePath('containerd', 'containerd.sock'),
  registryHosts: nodePath('containerd', 'certs.d'),
  cniConfDir: nodePath('cni', 'net.d'),
  cniIpamDir: nodePath('cni', 'ipam'),
  kubeletRoot: nodePath('kubelet'),
  podLogs: nodePath('pod-logs'),
  kubeletConfig: nodePath('kubelet.yaml'),
  kubeProxyConfig: nodePath('kube-proxy.yaml'),
  corefile: nodePath('Corefile'),
  registryConfig: nodePath('registry.yaml'),
  registryData: nodePath('registry-data'),
  pki: nodePath('pki'),
  logs: nodePath('logs'),
  pids: nodePath('pids'),
  /** Host settings found before up (restored by down). */
  hostState: nodePath('host-state.json'),
} as const;
