// ServingChart: everything the object-detection service needs in one namespace — Deployment,
// Service, HPA, PDB, NetworkPolicies, ServiceAccount, model ConfigMap, optional Ingress.
//
// Canary design: canaries are done in the app, not with a second Deployment. The service routes
// by registry labels: the model config's `canary: {label, weight}` sends that share of unpinned
// requests to the canary version and `shadow: {label, fraction}` mirrors traffic to a candidate
// whose answers are only recorded. Why: what changes between releases is usually the model, not
// the code; a weight in the app is exact (a second Deployment splits by pod count, so 5 % needs
// 20 pods or a service mesh), needs no extra 512 MiB replicas, keeps one Service and one
// HPA/PDB, and every metric already carries model/version labels for the comparison. Promoting
// or rolling back is a registry alias move that replicas hot-reload — no rollout. A new image
// (code) rolls out with the Deployment's surge-only strategy, gated by the readiness probe.
import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import {
  plusContainerSecurity,
  plusPodSecurity,
  pullPolicy,
  resources as toResources,
  selectorLabels,
  standardLabels,
  type ComponentIdentity,
} from '../core/chart-support';
import {
  DEFAULT_MODEL_NAME,
  SERVING_GRPC_PORT,
  SERVING_PATHS,
  SERVING_PORT,
} from '../core/contract';
import { IMAGES, imageRef } from '../core/versions';
import { servingNetworkPolicies } from './chart/network-policy';

/** Probe timeout: far above the measured health latency under overload, far below a hang. */
const PROBE_TIMEOUT_SECONDS = 2;
/** How long a terminating pod keeps serving while kube-proxy and ingresses drop its endpoint. */
const PRE_STOP_SECONDS = 5;
import { mountServingVolumes, servingEnv, servingIngress } from './chart/pod-wiring';
import {
  resolveScaling,
  SERVING_DEFAULT_RESOURCES,
  SERVING_UID,
  type ServingChartProps,
} from './chart/props';
import { parseModelConfig } from './src/manager/model-config';

export * from './chart/props';

/** Pod annotation carrying the model config's hash, so editing the config rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'mlops-stack.io/model-config-sha256';

/** Port of the Service in front of the pods. */
export const SERVING_SERVICE_PORT = 80;

export class ServingChart extends Chart {
  /** In-cluster URL of the service. */
  public readonly url: string;
  /** Name of the Service (and Deployment). */
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: ServingChartProps) {
    const image = props.image ?? IMAGES.serving;
    const name = props.instance ?? 'serving';
    const identity: ComponentIdentity = {
      name: 'serving',
      instance: name,
      component: 'inference',
      version: image.tag,
    };
    const labels = standardLabels(identity, props.labels);
    super(scope, id, { namespace: props.namespace, labels, disableResourceNameHashes: true });
    const ref = imageRef('serving', image, props.environment);
    const selector = selectorLabels(identity);
    const scaling = resolveScaling(props);
    const modelConfig = parseModelConfig(
      props.modelConfig ?? { models: [{ name: DEFAULT_MODEL_NAME }] },
      'ServingChart modelConfig',
    );
    const modelsYaml = stringify(modelConfig);

    const sa = new kplus.ServiceAccount(this, 'service-account', {
      metadata: { name },
      automountToken: false,
    });
    const configMap = new kplus.ConfigMap(this, 'model-config', {
      metadata: { name: `${name}-models` },
      data: { 'models.yaml': modelsYaml },
    });

    const deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name, annotations: { ...props.annotations } },
      select: false,
      replicas: scaling.replicas,
      // The config is mounted with subPath (no live update), so a change must roll the pods.
      podMetadata: { labels, annotations: { [CONFIG_HASH_ANNOTATION]: sha256(modelsYaml) } },
      serviceAccount: sa,
      automountServiceAccountToken: false,
      securityContext: plusPodSecurity(SERVING_UID),
      // Surge-only: capacity never drops during a rollout; new pods join once /readyz passes.
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      // preStop waits PRE_STOP_SECONDS for the endpoint removal to reach every proxy, then the
      // service drains in-flight requests on SIGTERM (MLOPS_SHUTDOWN_TIMEOUT_MS, 25 s).
      terminationGracePeriod: Duration.seconds(PRE_STOP_SECONDS + 30),
    });
    deployment.select(kplus.LabelSelector.of({ labels: selector }));

    const container = deployment.addContainer({
      name: 'serving',
      image: ref,
      imagePullPolicy: pullPolicy(ref) as kplus.ImagePullPolicy,
      ports: [
        { name: 'http', number: SERVING_PORT },
        { name: 'grpc', number: SERVING_GRPC_PORT },
      ],
      securityContext: plusContainerSecurity(SERVING_UID),
      envVariables: servingEnv(props),
      // Keeps serving while the endpoint removal reaches every proxy, then SIGTERM starts the
      // drain. Node is the one program the image is sure to have (no shell, no sleep binary).
      lifecycle: {
        preStop: kplus.Handler.fromCommand([
          'node',
          '-e',
          `setTimeout(() => {}, ${PRE_STOP_SECONDS * 1000})`,
        ]),
      },
      // Startup gates liveness while the model loads; readiness is true only once every
      // configured model is loaded and warmed up. The main thread never runs TensorFlow, so the
      // probes answer in milliseconds even at 2× saturation (p99 < 30 ms, BENCHMARKS.md): a
      // 2 s timeout is ~60× that, and a probe that still fails means a stuck process, not load.
      startup: kplus.Probe.fromHttpGet(SERVING_PATHS.live, {
        port: SERVING_PORT,
        periodSeconds: Duration.seconds(3),
        timeoutSeconds: Duration.seconds(PROBE_TIMEOUT_SECONDS),
        failureThreshold: 40,
      }),
      liveness: kplus.Probe.fromHttpGet(SERVING_PATHS.live, {
        port: SERVING_PORT,
        periodSeconds: Duration.seconds(10),
        timeoutSeconds: Duration.seconds(PROBE_TIMEOUT_SECONDS),
        failureThreshold: 3,
      }),
      // Readiness drops within ~6 s of a replaced inference thread or a drain, and returns as
      // soon as the models are warm again.
      readiness: kplus.Probe.fromHttpGet(SERVING_PATHS.ready, {
        port: SERVING_PORT,
        periodSeconds: Duration.seconds(3),
        timeoutSeconds: Duration.seconds(PROBE_TIMEOUT_SECONDS),
        failureThreshold: 2,
        successThreshold: 1,
      }),
    });
    if (props.storage.credentialsSecret) {
      container.env.copyFrom(
        kplus.Env.fromSecret(
          kplus.Secret.fromSecretName(this, 'storage-credentials', props.storage.credentialsSecret),
        ),
      );
    }
    mountServingVolumes(this, props, container, configMap);
    const podSpec = ApiObject.of(deployment);
    podSpec.addJsonPatch(
      JsonPatch.replace(
        '/spec/template/spec/containers/0/resources',
        toResources(props.resources ?? SERVING_DEFAULT_RESOURCES),
      ),
      JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
        spread('topology.kubernetes.io/zone', selector),
        spread('kubernetes.io/hostname', selector),
      ]),
    );

    new k8s.KubeService(this, 'service', {
      metadata: { name },
      spec: {
        selector,
        ports: [
          {
            name: 'http',
            port: SERVING_SERVICE_PORT,
            targetPort: k8s.IntOrString.fromString('http'),
          },
          // The Open Inference Protocol over gRPC (HTTP/2 without TLS inside the cluster).
          {
            name: 'grpc',
            port: SERVING_GRPC_PORT,
            targetPort: k8s.IntOrString.fromString('grpc'),
            appProtocol: 'kubernetes.io/h2c',
          },
        ],
      },
    });

    if (scaling.hpa) {
      const metrics = [
        kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(scaling.hpa.cpuUtilization)),
      ];
      const custom = scaling.hpa.customMetric;
      if (custom) {
        metrics.push(
          kplus.Metric.pods({
            name: custom.name,
            target: kplus.MetricTarget.averageValue(custom.averageValue),
          }),
        );
      }
      new kplus.HorizontalPodAutoscaler(this, 'hpa', {
        metadata: { name },
        target: deployment,
        minReplicas: scaling.hpa.minReplicas,
        maxReplicas: scaling.hpa.maxReplicas,
        metrics,
      });
    }
    if (props.podDisruptionBudget ?? true) {
      new k8s.KubePodDisruptionBudget(this, 'pdb', {
        metadata: { name },
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: selector },
        },
      });
    }
    servingNetworkPolicies(this, { name, selector, props });
    if (props.ingress) servingIngress(this, name, props.ingress);

    this.serviceName = name;
    this.url = `http://${name}.${props.namespace}.svc.cluster.local:${SERVING_SERVICE_PORT}`;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function spread(
  topologyKey: string,
  selector: Record<string, string>,
): k8s.TopologySpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey,
    // Best effort: a single-node or single-zone cluster must still schedule every replica.
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: selector },
  };
}
