// The real node's configuration files: what keeps it private to this machine, secure, and
// working on this kernel (cgroups v1, no CAP_SYS_RESOURCE), checked without starting anything.
import { parse } from 'yaml';
import {
  cniConflist,
  containerdConfig,
  corefile,
  kubeletConfig,
  kubeProxyConfig,
  registryConfig,
  registryHostsToml,
} from '../../../cli/cluster/node/configs';
import { CNI_BIN_DIR, NODE, NODE_PATHS, PAUSE_IMAGE } from '../../../cli/cluster/node/layout';
import { nodeManifests } from '../../../cli/cluster/node/manifests';

describe('real node configuration', () => {
  it('containerd: runc on cgroupfs, OOM score adjustments restricted, our CNI, pause and registry', () => {
    const toml = containerdConfig('/opt/runc');
    expect(toml).toMatch(/^version = 3$/m);
    expect(toml).toContain('restrict_oom_score_adj = true');
    expect(toml).toContain('SystemdCgroup = false');
    expect(toml).toContain('BinaryName = "/opt/runc"');
    expect(toml).toContain(`bin_dirs = [${JSON.stringify(CNI_BIN_DIR)}]`);
    expect(toml).toContain(`sandbox = ${JSON.stringify(PAUSE_IMAGE)}`);
    expect(toml).toContain(`address = ${JSON.stringify(NODE_PATHS.containerdSocket)}`);
    expect(registryHostsToml()).toContain(`server = "http://127.0.0.1:${NODE.registryPort}"`);
  });

  it('CNI: a bridge on the pod subnet without NAT, hostPort through portmap', () => {
    const c = JSON.parse(cniConflist()) as { plugins: Record<string, unknown>[] };
    expect(c.plugins.map((p) => p.type)).toEqual(['bridge', 'portmap']);
    expect(c.plugins[0]).toMatchObject({ bridge: NODE.bridge, isGateway: true, ipMasq: false });
    expect(JSON.stringify(c.plugins[0].ipam)).toContain(NODE.podCidr);
  });

  it('kubelet: cgroupfs, no anonymous or read-only access, webhook authorization, node address only', () => {
    const k = parse(kubeletConfig({ ca: '/ca.crt', cert: '/k.crt', key: '/k.key' })) as Record<
      string,
      unknown
    >;
    expect(k).toMatchObject({
      cgroupDriver: 'cgroupfs',
      address: NODE.ip,
      readOnlyPort: 0,
      healthzBindAddress: '127.0.0.1',
      authentication: {
        anonymous: { enabled: false },
        webhook: { enabled: true },
        x509: { clientCAFile: '/ca.crt' },
      },
      authorization: { mode: 'Webhook' },
      clusterDNS: [NODE.dnsServiceIp],
      tlsCertFile: '/k.crt',
    });
  });

  it('kube-proxy: iptables, NodePorts on 127.0.0.1 and the node address, conntrack sysctls untouched', () => {
    const p = parse(kubeProxyConfig('/kp.kubeconfig')) as Record<string, never>;
    expect(p).toMatchObject({
      mode: 'iptables',
      bindAddress: NODE.ip,
      hostnameOverride: NODE.name,
    });
    expect(p.nodePortAddresses).toEqual(['127.0.0.1/32', `${NODE.ip}/32`]);
    expect(p.conntrack).toMatchObject({ maxPerCore: 0, min: 0 });
    expect(p.metricsBindAddress).toMatch(/^127\.0\.0\.1:/);
  });

  it('CoreDNS and the registry listen only on the node address and loopback', () => {
    const dns = corefile('/c.kubeconfig');
    expect(dns.match(/bind (\S+)/g)).toEqual([`bind ${NODE.ip}`, `bind ${NODE.ip}`]);
    expect(dns).toContain(`kubernetes ${NODE.clusterDomain}`);
    expect((parse(registryConfig()) as { http: { addr: string } }).http.addr).toBe(
      `127.0.0.1:${NODE.registryPort}`,
    );
  });

  it('gives CoreDNS read-only access and a kube-dns Service backed by the node address', () => {
    const objs = nodeManifests() as {
      kind: string;
      rules?: { verbs: string[] }[];
      spec?: unknown;
      endpoints?: unknown;
    }[];
    const role = objs.find((o) => o.kind === 'ClusterRole')!;
    expect(role.rules!.flatMap((r) => r.verbs).sort()).toEqual(['list', 'list', 'watch', 'watch']);
    expect(objs.find((o) => o.kind === 'Service')!.spec).toMatchObject({
      clusterIP: NODE.dnsServiceIp,
    });
    const endpoints = objs.find((o) => o.kind === 'Endpoints') as unknown as {
      subsets: { addresses: { ip: string }[]; ports: { port: number }[] }[];
    };
    expect(endpoints.subsets).toEqual([expect.objectContaining({ addresses: [{ ip: NODE.ip }] })]);
    expect(endpoints.subsets[0].ports.map((p) => p.port)).toEqual([53, 53]);
  });
});
