// The training trigger webhook (training/src/trigger/server.ts): a one-replica Deployment that
// Alertmanager and CI call. With the mounted Job template set (MLOPS_TRAINING_JOB_TEMPLATE) it
// hands each run to a Job, through a Role that can only create, get, list and watch Jobs in this
// namespace (the API client trusts the cluster CA via NODE_EXTRA_CA_CERTS). RBAC cannot restrict
// `create` by object name, so the template is a mounted file, not an API read. Its ServiceAccount
// is the only one with a token.
import type { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  pullPolicy,
  resources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
} from '../../core/chart-support';
import {
  CONTAINER_PATHS,
  ENV,
  TRAINING_TRIGGER_PATHS,
  TRAINING_TRIGGER_PORT,
} from '../../core/contract';
import { SERVICE_ACCOUNT_DIR } from '../src/trigger/kube/kube-client';
import { trainingNetworkPolicies } from './network-policy';
import { trainingEnv } from './job-spec';
import {
  TRAINING_DEFAULT_RESOURCES,
  TRAINING_UID,
  type TrainingChartProps,
  type TrainingTrigger,
} from './props';

export interface TriggerInputs {
  readonly props: TrainingChartProps;
  readonly trigger: TrainingTrigger;
  readonly image: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly templateConfigMap: string;
  readonly trainingSelector: Record<string, string>;
}

/** Adds the trigger's objects to `chart`; returns its in-cluster URL. */
export function trainingTrigger(chart: Chart, t: TriggerInputs): string {
  const { name, labels, selector } = t;
  new k8s.KubeServiceAccount(chart, 'trigger-service-account', {
    metadata: { name, labels },
    automountServiceAccountToken: true,
  });
  new k8s.KubeRole(chart, 'trigger-role', {
    metadata: { name, labels },
    rules: [
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get', 'list', 'watch'] },
    ],
  });
  new k8s.KubeRoleBinding(chart, 'trigger-role-binding', {
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name, namespace: t.props.namespace }],
  });

  const probe = (periodSeconds: number): k8s.Probe => ({
    httpGet: { path: TRAINING_TRIGGER_PATHS.live, port: k8s.IntOrString.fromString('http') },
    periodSeconds,
  });
  new k8s.KubeDeployment(chart, 'trigger-deployment', {
    metadata: { name, labels },
    spec: {
      // One replica: the per-model lock lives in the trigger (and in the Jobs it lists).
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: true,
          securityContext: restrictedPodSecurity(TRAINING_UID),
          containers: [
            {
              name: 'trigger',
              image: t.image,
              imagePullPolicy: pullPolicy(t.image),
              command: [...(t.trigger.command ?? ['node', 'dist/training/src/trigger/server.js'])],
              ports: [{ name: 'http', containerPort: TRAINING_TRIGGER_PORT }],
              env: [
                ...trainingEnv(t.props),
                { name: ENV.port, value: String(TRAINING_TRIGGER_PORT) },
                { name: ENV.host, value: '0.0.0.0' },
                { name: `${ENV.triggerToken}_FILE`, value: `${CONTAINER_PATHS.secrets}/token` },
                { name: ENV.trainingJobTemplate, value: CONTAINER_PATHS.trainingJobTemplate },
                // The Kubernetes API client trusts the cluster CA through Node's extra CA file.
                { name: 'NODE_EXTRA_CA_CERTS', value: `${SERVICE_ACCOUNT_DIR}/ca.crt` },
              ],
              envFrom: t.props.storage.credentialsSecret
                ? [{ secretRef: { name: t.props.storage.credentialsSecret } }]
                : undefined,
              // The trigger runs a training in-process when called, so it gets the run's budget.
              resources: resources(t.props.resources ?? TRAINING_DEFAULT_RESOURCES),
              securityContext: restrictedContainerSecurity(TRAINING_UID),
              readinessProbe: probe(5),
              livenessProbe: probe(10),
              volumeMounts: [
                { name: 'tmp', mountPath: CONTAINER_PATHS.tmp },
                { name: 'token', mountPath: CONTAINER_PATHS.secrets, readOnly: true },
                {
                  name: 'job-template',
                  mountPath: CONTAINER_PATHS.trainingJobTemplate,
                  subPath: 'job.json',
                  readOnly: true,
                },
              ],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } },
            { name: 'token', secret: { secretName: t.trigger.tokenSecret } },
            { name: 'job-template', configMap: { name: t.templateConfigMap } },
          ],
        },
      },
    },
  });
  new k8s.KubeService(chart, 'trigger-service', {
    metadata: { name, labels },
    spec: {
      selector,
      ports: [
        {
          name: 'http',
          port: TRAINING_TRIGGER_PORT,
          targetPort: k8s.IntOrString.fromString('http'),
        },
      ],
    },
  });
  trainingNetworkPolicies(chart, {
    props: t.props,
    triggerName: name,
    triggerSelector: selector,
    trainingSelector: t.trainingSelector,
  });
  return `http://${name}.${t.props.namespace}.svc.cluster.local:${TRAINING_TRIGGER_PORT}`;
}
