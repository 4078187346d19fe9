// Certificates for the real node, signed with openssl by the local cluster's CA (kwokctl's pki):
// the kubelet's client (system:node:<name>, group system:nodes) and serving certificates,
// kube-proxy's (system:kube-proxy, bound by Kubernetes' default system:node-proxier role) and
// CoreDNS's and metrics-server's (users bound to roles in manifests.ts). Plus one kubeconfig per
// client.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { LOCAL_CLUSTER_WORKDIR } from '../paths';
import { run } from '../kube';
import { NODE, NODE_PATHS } from './layout';

export const CLUSTER_CA = {
  cert: path.join(LOCAL_CLUSTER_WORKDIR, 'pki', 'ca.crt'),
  key: path.join(LOCAL_CLUSTER_WORKDIR, 'pki', 'ca.key'),
};

export interface Issued {
  readonly cert: string;
  readonly key: string;
}

/** Issues a key and certificate `name`.{crt,key} for `subject` (e.g. /O=g/CN=u). */
export async function issue(
  name: string,
  subject: string,
  usage: { server?: { ips: string[]; dns: string[] } } = {},
): Promise<Issued> {
  fs.mkdirSync(NODE_PATHS.pki, { recursive: true, mode: 0o700 });
  const base = path.join(NODE_PATHS.pki, name);
  // Issued once per node: a second up keeps the running processes' identities.
  if (fs.existsSync(`${base}.crt`) && fs.existsSync(`${base}.key`))
    return { cert: `${base}.crt`, key: `${base}.key` };
  const ext = [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${usage.server ? 'serverAuth' : 'clientAuth'}`,
  ];
  if (usage.server) {
    const sans = [
      ...usage.server.ips.map((ip) => `IP:${ip}`),
      ...usage.server.dns.map((d) => `DNS:${d}`),
    ];
    ext.push(`subjectAltName=${sans.join(',')}`);
  }
  fs.writeFileSync(`${base}.ext`, `${ext.join('\n')}\n`);
  const steps: string[][] = [
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ['x509', '-req', '-in', `${base}.csr`, '-CA', CLUSTER_CA.cert, '-CAkey', CLUSTER_CA.key],
  ];
  const req = await run('openssl', [
    ...steps[0],
    '-keyout',
    `${base}.key`,
    '-subj',
    subject,
    '-out',
    `${base}.csr`,
  ]);
  if (!req.ok) throw new Error(`openssl req for ${name}: ${req.stderr.trim()}`);
  const sign = await run('openssl', [
    ...steps[1],
    '-CAcreateserial',
    '-CAserial',
    path.join(NODE_PATHS.pki, 'ca.srl'),
    '-days',
    '30',
    '-extfile',
    `${base}.ext`,
    '-out',
    `${base}.crt`,
  ]);
  if (!sign.ok) throw new Error(`openssl x509 for ${name}: ${sign.stderr.trim()}`);
  fs.chmodSync(`${base}.key`, 0o600);
  return { cert: `${base}.crt`, key: `${base}.key` };
}

/** A kubeconfig for one client certificate against `server`; returns its path. */
export function writeKubeconfig(name: string, server: string, id: Issued): string {
  const file = path.join(NODE_PATHS.pki, `${name}.kubeconfig`);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local', cluster: { server, 'certificate-authority': CLUSTER_CA.cert } }],
    users: [{ name, user: { 'client-certificate': id.cert, 'client-key': id.key } }],
    contexts: [{ name, context: { cluster: 'local', user: name } }],
    'current-context': name,
  };
  fs.writeFileSync(file, stringify(config), { mode: 0o600 });
  return file;
}

/** Every identity the node's processes use. */
export async function issueNodeIdentities(server: string) {
  const kubelet = await issue('kubelet', `/O=system:nodes/CN=system:node:${NODE.name}`);
  const serving = await issue('kubelet-serving', `/CN=${NODE.name}`, {
    server: { ips: [NODE.ip], dns: [NODE.name] },
  });
  const proxy = await issue('kube-proxy', '/CN=system:kube-proxy');
  const coredns = await issue('coredns', '/CN=mlops:coredns');
  const metrics = await issue('metrics-server', '/CN=mlops:metrics-server');
  return {
    kubeletKubeconfig: writeKubeconfig('kubelet', server, kubelet),
    kubeletServing: serving,
    kubeProxyKubeconfig: writeKubeconfig('kube-proxy', server, proxy),
    corednsKubeconfig: writeKubeconfig('coredns', server, coredns),
    metricsServerKubeconfig: writeKubeconfig('metrics-server', server, metrics),
    metricsServerIdentity: metrics,
  };
}
