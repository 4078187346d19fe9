// Cluster objects the real node's host processes need: CoreDNS's and metrics-server's RBAC, the
// kube-dns and metrics-server Services whose endpoints are the node address (the processes run
// on the host, not in pods, so the Services have no selector and hand-kept endpoints), and
// the APIService that serves metrics.k8s.io (kubectl top, the HPA) from metrics-server.
import { NODE } from './layout';

export const METRICS_SERVER_PORT = 4443;

const rbac = 'rbac.authorization.k8s.io';
const user = (name: string) => [{ apiGroup: rbac, kind: 'User', name }];
const clusterBinding = (name: string, role: string, subject: string) => ({
  apiVersion: `${rbac}/v1`,
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: role },
  subjects: user(subject),
});

type Port = { name: string; port: number; protocol: string };

/**
 * A selector-less Service in kube-system backed by the node address (at `targetPorts`, by name).
 * Its endpoints are an Endpoints object: the API server's aggregator resolves APIServices
 * through Endpoints, and the mirroring controller copies them into EndpointSlices for kube-proxy.
 */
function hostService(name: string, ports: Port[], spec: object, targetPorts: Port[] = ports) {
  const labels = { 'app.kubernetes.io/part-of': 'mlops-stack', 'k8s-app': name };
  const metadata = { name, namespace: 'kube-system', labels };
  return [
    { apiVersion: 'v1', kind: 'Service', metadata, spec: { ...spec, ports } },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata,
      subsets: [{ addresses: [{ ip: NODE.ip }], ports: targetPorts }],
    },
  ];
}

const dnsPorts = [
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
];

export function nodeManifests(): object[] {
  const metricsUser = 'mlops:metrics-server';
  return [
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: { name: 'mlops:coredns' },
      rules: [
        {
          apiGroups: [''],
          resources: ['services', 'pods', 'namespaces'],
          verbs: ['list', 'watch'],
        },
        {
          apiGroups: ['discovery.k8s.io'],
          resources: ['endpointslices'],
          verbs: ['list', 'watch'],
        },
      ],
    },
    clusterBinding('mlops:coredns', 'mlops:coredns', 'mlops:coredns'),
    ...hostService('kube-dns', dnsPorts, { clusterIP: NODE.dnsServiceIp }),
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: { name: metricsUser },
      rules: [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    clusterBinding(metricsUser, metricsUser, metricsUser),
    // Delegated authentication and authorization of the aggregated API.
    clusterBinding(`${metricsUser}:auth-delegator`, 'system:auth-delegator', metricsUser),
    {
      apiVersion: `${rbac}/v1`,
      kind: 'RoleBinding',
      metadata: { name: `${metricsUser}:auth-reader`, namespace: 'kube-system' },
      roleRef: { apiGroup: rbac, kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: user(metricsUser),
    },
    ...hostService('metrics-server', [{ name: 'https', port: 443, protocol: 'TCP' }], {}, [
      { name: 'https', port: METRICS_SERVER_PORT, protocol: 'TCP' },
    ]),
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name: 'metrics-server', namespace: 'kube-system', port: 443 },
        // metrics-server serves a self-signed certificate of its own.
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ];
}
