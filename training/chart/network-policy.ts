// NetworkPolicies of the training workload: the training pods accept no traffic and may reach
// only DNS and the object store; the trigger accepts Alertmanager, Prometheus and pods of its
// own namespace on its port and may reach DNS and the Kubernetes API (to create Jobs).
import type { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { LABELS, TRAINING_TRIGGER_PORT } from '../../core/contract';
import type { TrainingChartProps } from './props';

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

export interface TrainingPolicyInputs {
  readonly props: TrainingChartProps;
  readonly triggerName: string;
  readonly triggerSelector: Record<string, string>;
  readonly trainingSelector: Record<string, string>;
}

const tcp = (ports: readonly number[]): k8s.NetworkPolicyPort[] =>
  ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));
const dns: k8s.NetworkPolicyPort[] = ['UDP', 'TCP'].map((protocol) => ({
  protocol,
  port: k8s.IntOrString.fromNumber(53),
}));

export function trainingNetworkPolicies(chart: Chart, p: TrainingPolicyInputs): void {
  const monitoringNs = p.props.monitoringNamespace ?? p.props.namespace;
  const fromMonitoring = (app: string): k8s.NetworkPolicyPeer => ({
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: monitoringNs } },
    podSelector: { matchLabels: { [LABELS.name]: app } },
  });
  new k8s.KubeNetworkPolicy(chart, 'training-policy', {
    metadata: { name: `${p.props.instance ?? 'training'}-runs` },
    spec: {
      podSelector: { matchLabels: p.trainingSelector },
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ ports: dns }, { ports: tcp(p.props.storageEgressPorts ?? [443, 9000]) }],
    },
  });
  new k8s.KubeNetworkPolicy(chart, 'trigger-policy', {
    metadata: { name: p.triggerName },
    spec: {
      podSelector: { matchLabels: p.triggerSelector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ podSelector: {} }, fromMonitoring('alertmanager'), fromMonitoring('prometheus')],
          ports: tcp([TRAINING_TRIGGER_PORT]),
        },
      ],
      egress: [{ ports: dns }, { ports: tcp(p.props.apiServerPorts ?? [443, 6443]) }],
    },
  });
}
