// The real node's configuration files, as pure functions of the layout (unit-tested): containerd,
// the CNI network, the kubelet, kube-proxy, CoreDNS and the image registry.
import { stringify } from 'yaml';
import { CNI_BIN_DIR, NODE, NODE_PATHS, PAUSE_IMAGE } from './layout';

const toml = (s: string) => JSON.stringify(s); // TOML basic strings escape like JSON's

/** containerd 2 (config version 3): CRI with runc on cgroupfs, our CNI and registry mappings. */
export function containerdConfig(runc: string): string {
  const cri = "plugins.'io.containerd.cri.v1";
  return [
    'version = 3',
    `root = ${toml(NODE_PATHS.containerdRoot)}`,
    `state = ${toml(NODE_PATHS.containerdState)}`,
    '[grpc]',
    `  address = ${toml(NODE_PATHS.containerdSocket)}`,
    `[${cri}.images']`,
    `  [${cri}.images'.pinned_images]`,
    `    sandbox = ${toml(PAUSE_IMAGE)}`,
    `  [${cri}.images'.registry]`,
    `    config_path = ${toml(NODE_PATHS.registryHosts)}`,
    `[${cri}.runtime']`,
    // No CAP_SYS_RESOURCE here: runc cannot lower a process's OOM score below its own.
    '  restrict_oom_score_adj = true',
    `  [${cri}.runtime'.containerd]`,
    "    default_runtime_name = 'runc'",
    `    [${cri}.runtime'.containerd.runtimes.runc]`,
    "      runtime_type = 'io.containerd.runc.v2'",
    `      [${cri}.runtime'.containerd.runtimes.runc.options]`,
    `        BinaryName = ${toml(runc)}`,
    '        SystemdCgroup = false',
    `  [${cri}.runtime'.cni]`,
    `    bin_dirs = [${toml(CNI_BIN_DIR)}]`,
    `    conf_dir = ${toml(NODE_PATHS.cniConfDir)}`,
    '    max_conf_num = 1',
    '',
  ].join('\n');
}

/** containerd's hosts.toml for one registry name: pull from the local registry over HTTP. */
export function registryHostsToml(): string {
  const url = `http://127.0.0.1:${NODE.registryPort}`;
  return [
    `server = ${toml(url)}`,
    `[host.${toml(url)}]`,
    "  capabilities = ['pull', 'resolve']",
    '',
  ].join('\n');
}

/** The pod network: a bridge with the gateway on the host, no NAT, hostPort through portmap. */
export function cniConflist(): string {
  return JSON.stringify(
    {
      cniVersion: '1.0.0',
      name: 'mlops',
      plugins: [
        {
          type: 'bridge',
          bridge: NODE.bridge,
          isGateway: true,
          // Pods only talk to this machine: no masquerading towards the outside.
          ipMasq: false,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            ranges: [[{ subnet: NODE.podCidr }]],
            routes: [{ dst: '0.0.0.0/0' }],
            dataDir: NODE_PATHS.cniIpamDir,
          },
        },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  );
}

/** KubeletConfiguration: cgroupfs (cgroups v1 here), webhook authn/authz, certificates signed by the cluster CA. */
export function kubeletConfig(pki: { ca: string; cert: string; key: string }): string {
  return stringify({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    address: NODE.ip,
    port: NODE.kubeletPort,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    cgroupDriver: 'cgroupfs',
    containerRuntimeEndpoint: `unix://${NODE_PATHS.containerdSocket}`,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: pki.ca },
    },
    authorization: { mode: 'Webhook' },
    tlsCertFile: pki.cert,
    tlsPrivateKeyFile: pki.key,
    clusterDNS: [NODE.dnsServiceIp],
    clusterDomain: NODE.clusterDomain,
    podCIDR: NODE.podCidr,
    failSwapOn: false,
    // Shares the machine with the tests: small image and eviction margins, few pods.
    maxPods: 40,
    evictionHard: {
      'memory.available': '200Mi',
      'nodefs.available': '2%',
      'imagefs.available': '2%',
    },
    imageGCHighThresholdPercent: 99,
    imageGCLowThresholdPercent: 98,
    serializeImagePulls: false,
    protectKernelDefaults: false,
    // The node's lease and status, at kubelet defaults; logs rotate small.
    containerLogMaxSize: '5Mi',
    // Container logs under the node directory, not the machine's /var/log/pods.
    podLogsDir: NODE_PATHS.podLogs,
    containerLogMaxFiles: 2,
    staticPodPath: '',
  });
}

/** KubeProxyConfiguration: iptables mode, NodePorts on 127.0.0.1 and the node address. */
export function kubeProxyConfig(kubeconfig: string): string {
  return stringify({
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    mode: 'iptables',
    clientConnection: { kubeconfig },
    hostnameOverride: NODE.name,
    bindAddress: NODE.ip,
    healthzBindAddress: '127.0.0.1:10256',
    metricsBindAddress: '127.0.0.1:10249',
    clusterCIDR: NODE.podCidr,
    nodePortAddresses: ['127.0.0.1/32', `${NODE.ip}/32`],
    iptables: { localhostNodePorts: true, masqueradeAll: false },
    // Leave the machine's conntrack sysctls alone (0: do not set).
    conntrack: {
      maxPerCore: 0,
      min: 0,
      tcpEstablishedTimeout: '0s',
      tcpCloseWaitTimeout: '0s',
    },
  });
}

/** CoreDNS on the node address: cluster names from the API server, the rest forwarded. */
export function corefile(kubeconfig: string): string {
  return [
    `${NODE.clusterDomain}:53 in-addr.arpa:53 ip6.arpa:53 {`,
    `  bind ${NODE.ip}`,
    '  errors',
    `  kubernetes ${NODE.clusterDomain} in-addr.arpa ip6.arpa {`,
    `    kubeconfig ${kubeconfig}`,
    '    pods insecure',
    '    fallthrough in-addr.arpa ip6.arpa',
    '  }',
    '  cache 30',
    '}',
    '.:53 {',
    `  bind ${NODE.ip}`,
    '  errors',
    '  forward . /etc/resolv.conf',
    '  cache 30',
    '}',
    '',
  ].join('\n');
}

/** The distribution registry: loopback only, storage under the node directory. */
export function registryConfig(): string {
  return stringify({
    version: 0.1,
    log: { level: 'warn' },
    storage: { filesystem: { rootdirectory: NODE_PATHS.registryData }, delete: { enabled: true } },
    http: { addr: `127.0.0.1:${NODE.registryPort}` },
  });
}
