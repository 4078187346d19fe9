// The shape every platform service shares: one restricted pod (non-root, read-only root fs, all
// capabilities dropped, RuntimeDefault seccomp, no service-account token unless asked), a
// Service, and a NetworkPolicy admitting traffic to its ports only. Each platform chart supplies
// what differs (image, args, volumes, probes) and gets back the Service's in-cluster address.
import type { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  pullPolicy,
  resources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
  type ComponentIdentity,
} from '../../core/chart-support';

export interface PlatformResources {
  readonly cpuRequestMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryRequestMiB: number;
  readonly memoryLimitMiB: number;
}

export interface PlatformWorkloadSpec {
  readonly identity: ComponentIdentity;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Image user; the pod runs as this uid/gid with fsGroup so volumes are writable. */
  readonly uid: number;
  readonly image: string;
  readonly ports: readonly { readonly name: string; readonly port: number }[];
  readonly args?: readonly string[];
  readonly command?: readonly string[];
  readonly env?: readonly k8s.EnvVar[];
  readonly volumeMounts: readonly k8s.VolumeMount[];
  readonly volumes: readonly k8s.Volume[];
  /** HTTP path probed for readiness and liveness on the first port. */
  readonly healthPath: { readonly ready: string; readonly live: string };
  readonly resources: PlatformResources;
  /** Needs the Kubernetes API (Prometheus service discovery). @default undefined (no token) */
  readonly serviceAccountName?: string;
  /** StatefulSet with these claim templates instead of a Deployment. */
  readonly volumeClaimTemplates?: readonly k8s.KubePersistentVolumeClaimProps[];
  /** Pod annotations (e.g. a config checksum that rolls the pod on change). */
  readonly podAnnotations?: Record<string, string>;
}

/** Builds the workload, its Service and ingress NetworkPolicy; returns `name.ns.svc:port`. */
export function platformWorkload(chart: Chart, s: PlatformWorkloadSpec): string {
  const name = s.identity.instance;
  const selector = selectorLabels(s.identity);
  const firstPort = s.ports[0];
  const probe = (path: string, periodSeconds: number): k8s.Probe => ({
    httpGet: { path, port: k8s.IntOrString.fromString(firstPort.name) },
    periodSeconds,
  });
  const podSpec: k8s.PodSpec = {
    serviceAccountName: s.serviceAccountName,
    automountServiceAccountToken: s.serviceAccountName !== undefined,
    securityContext: restrictedPodSecurity(s.uid),
    containers: [
      {
        name: s.identity.name,
        image: s.image,
        imagePullPolicy: pullPolicy(s.image),
        command: s.command ? [...s.command] : undefined,
        args: s.args ? [...s.args] : undefined,
        env: s.env ? [...s.env] : undefined,
        ports: s.ports.map((p) => ({ name: p.name, containerPort: p.port })),
        resources: resources(s.resources),
        securityContext: restrictedContainerSecurity(s.uid),
        readinessProbe: probe(s.healthPath.ready, 10),
        livenessProbe: { ...probe(s.healthPath.live, 20), initialDelaySeconds: 10 },
        volumeMounts: [...s.volumeMounts],
      },
    ],
    volumes: [...s.volumes],
  };
  const template = { metadata: { labels: s.labels, annotations: s.podAnnotations }, spec: podSpec };
  if (s.volumeClaimTemplates) {
    new k8s.KubeStatefulSet(chart, 'statefulset', {
      metadata: { name },
      spec: {
        serviceName: name,
        replicas: 1,
        selector: { matchLabels: selector },
        template,
        volumeClaimTemplates: s.volumeClaimTemplates.map((c) => ({ ...c })),
      },
    });
  } else {
    new k8s.KubeDeployment(chart, 'deployment', {
      metadata: { name },
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selector },
        template,
      },
    });
  }
  new k8s.KubeService(chart, 'service', {
    metadata: { name },
    spec: {
      selector,
      ports: s.ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: k8s.IntOrString.fromString(p.name),
      })),
    },
  });
  new k8s.KubeNetworkPolicy(chart, 'allow-ingress', {
    metadata: { name },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: {} }],
          ports: s.ports.map((p) => ({
            protocol: 'TCP',
            port: k8s.IntOrString.fromNumber(p.port),
          })),
        },
      ],
    },
  });
  return `${name}.${s.namespace}.svc.cluster.local:${firstPort.port}`;
}

/** A ReadWriteOnce claim template of `sizeGi`. */
export function claimTemplate(
  name: string,
  sizeGi: number,
  storageClassName?: string,
): k8s.KubePersistentVolumeClaimProps {
  return {
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName,
      resources: { requests: { storage: k8s.Quantity.fromString(`${sizeGi}Gi`) } },
    },
  };
}

/** An emptyDir volume with a size limit. */
export function scratch(name: string, sizeMiB: number): k8s.Volume {
  return { name, emptyDir: { sizeLimit: k8s.Quantity.fromString(`${sizeMiB}Mi`) } };
}
