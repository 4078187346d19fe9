// N serving workloads, as a platform serving N models deploys them: one ServingChart per model
// rendered by the same Workloads component as the platform stack, in a namespace enforcing the
// restricted Pod Security Standard, through an explicit provider.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdk8s';
import { Workloads } from '../../infra/components/workloads';
import { ServingChart } from '../../serving/chart';

const config = new pulumi.Config();
const namespaceName = config.require('namespace');
const provider = new k8s.Provider('local', { kubeconfig: config.require('kubeconfig') });
const namespace = new k8s.core.v1.Namespace(
  'ns',
  {
    metadata: {
      name: namespaceName,
      labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
    },
  },
  { provider },
);

export const workloads = Array.from({ length: config.requireNumber('models') }, (_, i) => {
  const model = `detector-${i + 1}`;
  const serving = new ServingChart(new App(), model, {
    namespace: namespaceName,
    environment: 'local',
    instance: model,
    modelConfig: { models: [{ name: model }] },
    importDefaultModel: false,
    storage: { registryUri: 's3://bench/registry', credentialsSecret: 'storage-credentials' },
    apiSecret: 'serving-api',
    monitoringNamespace: 'mlops-platform',
  });
  const w = new Workloads(model, {
    serving,
    provider,
    namespace: namespace.metadata.name,
    model: { name: model },
    serviceUrl: `http://${model}.${namespaceName}.svc`,
    dependsOn: [namespace],
  });
  return w.serviceUrl;
});
