// The serving pods' NetworkPolicies: a default deny (ingress and egress) for the pods, then one
// allow policy for clients (HTTP and gRPC; own namespace, listed namespaces, the ingress controller), Prometheus
// scraping, DNS and the object store. Policies are additive, so the deny stays in force for
// everything not listed.
import { k8s } from 'cdk8s-plus-28';
import type { Chart } from 'cdk8s';
import { LABELS, SERVING_GRPC_PORT, SERVING_PORT } from '../../core/contract';
import type { ServingChartProps } from './props';

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

export interface ServingPolicyInputs {
  readonly name: string;
  readonly selector: Record<string, string>;
  readonly props: ServingChartProps;
}

export function servingNetworkPolicies(
  chart: Chart,
  { name, selector, props }: ServingPolicyInputs,
): void {
  new k8s.KubeNetworkPolicy(chart, 'default-deny', {
    metadata: { name: `${name}-default-deny` },
    spec: { podSelector: { matchLabels: selector }, policyTypes: ['Ingress', 'Egress'] },
  });

  const tcp = (port: number) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });
  const http = [tcp(SERVING_PORT)];
  const api = [tcp(SERVING_PORT), tcp(SERVING_GRPC_PORT)];
  const clientNamespaces = [...(props.clientNamespaces ?? [])];
  if (props.ingress) clientNamespaces.push(props.ingress.controllerNamespace ?? 'ingress-nginx');
  const clients: k8s.NetworkPolicyPeer[] = [{ podSelector: {} }];
  if (clientNamespaces.length > 0) {
    clients.push({
      namespaceSelector: {
        matchExpressions: [{ key: NAMESPACE_NAME, operator: 'In', values: clientNamespaces }],
      },
    });
  }
  const monitoring: k8s.NetworkPolicyPeer = {
    namespaceSelector: {
      matchLabels: { [NAMESPACE_NAME]: props.monitoringNamespace ?? props.namespace },
    },
    podSelector: { matchLabels: { [LABELS.name]: 'prometheus' } },
  };
  const dns = [53].flatMap((port) =>
    ['UDP', 'TCP'].map((protocol) => ({ protocol, port: k8s.IntOrString.fromNumber(port) })),
  );
  const storage = (props.storageEgressPorts ?? [443, 9000]).map((port) => ({
    protocol: 'TCP',
    port: k8s.IntOrString.fromNumber(port),
  }));

  new k8s.KubeNetworkPolicy(chart, 'allow', {
    metadata: { name: `${name}-allow` },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: clients, ports: api },
        { from: [monitoring], ports: http },
      ],
      egress: [{ ports: dns }, { ports: storage }],
    },
  });
}
