// ServingChart: snapshot plus the invariants that matter — probes on the service's real paths,
// the memory budget, HPA owning the replica count, PDB consistent with minReplicas, default-deny
// network policy, model config validated by the service's own schema.
import { App, Chart, Testing } from 'cdk8s';
import {
  CONTAINER_PATHS,
  ENV,
  SERVING_GRPC_PORT,
  SERVING_PATHS,
  SERVING_PORT,
} from '../../../core/contract';
import { ServingChart, resolveScaling, type ServingChartProps } from '../../../serving/chart';
import { find, forSnapshot, synth, validateObject, type PodTemplate } from './manifests';

const base: ServingChartProps = {
  namespace: 'mlops',
  environment: 'local',
  storage: {
    registryUri: 's3://bucket/registry',
    s3Endpoint: 'http://minio:9000',
    credentialsSecret: 'storage',
  },
  apiSecret: 'serving-api',
};
const build = (props: Partial<ServingChartProps> = {}) =>
  synth(new ServingChart(Testing.app(), 'serving', { ...base, ...props }));
const pod = (objects: ReturnType<typeof build>) =>
  (find(objects, 'Deployment').spec as { template: PodTemplate }).template;

describe('ServingChart', () => {
  it('matches the snapshot', () => {
    expect(forSnapshot(build())).toMatchSnapshot();
  });

  it('probes the service endpoints from the contract on the container port', () => {
    const c = pod(build()).spec.containers[0];
    expect(c.ports).toEqual([
      { name: 'http', containerPort: SERVING_PORT },
      { name: 'grpc', containerPort: SERVING_GRPC_PORT },
    ]);
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      [ENV.port]: String(SERVING_PORT),
      [ENV.grpcPort]: String(SERVING_GRPC_PORT),
    });
    expect(c.readinessProbe?.httpGet).toMatchObject({
      path: SERVING_PATHS.ready,
      port: SERVING_PORT,
    });
    expect(c.livenessProbe?.httpGet).toMatchObject({
      path: SERVING_PATHS.live,
      port: SERVING_PORT,
    });
    expect(c.startupProbe?.httpGet).toMatchObject({ path: SERVING_PATHS.live, port: SERVING_PORT });
  });

  it('sets probe timeouts explicitly and drains through a preStop sleep within the grace period', () => {
    const spec = pod(build()).spec as PodTemplate['spec'] & {
      terminationGracePeriodSeconds?: number;
    };
    const c = spec.containers[0] as PodTemplate['spec']['containers'][number] & {
      lifecycle?: { preStop?: { exec?: { command: string[] } } };
    };
    for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
      // Kubernetes' default of 1 s is what failed loaded replicas before the inference engine.
      expect(probe?.timeoutSeconds).toBeGreaterThanOrEqual(2);
      expect(probe?.periodSeconds).toBeGreaterThan(probe?.timeoutSeconds ?? 0);
    }
    const command = c.lifecycle?.preStop?.exec?.command ?? [];
    expect(command[0]).toBe('node'); // the one program every serving image has
    const sleep =
      Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(command.join(' '))?.[1] ?? 0) / 1000;
    expect(sleep).toBeGreaterThan(0);
    // The drain after SIGTERM (MLOPS_SHUTDOWN_TIMEOUT_MS, 25 s default) fits after the sleep.
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(sleep + 25);
  });

  it('stays within 512 MiB per replica and has writable scratch and model cache only', () => {
    const spec = pod(build()).spec;
    const c = spec.containers[0];
    expect(c.resources?.limits?.memory).toBe('512Mi');
    expect(spec.automountServiceAccountToken).toBe(false);
    const writable = c.volumeMounts!.filter((m) => !m.readOnly).map((m) => m.mountPath);
    expect(writable.sort()).toEqual([CONTAINER_PATHS.modelCache, CONTAINER_PATHS.tmp].sort());
    const env = Object.fromEntries(c.env!.map((e) => [e.name, e.value]));
    expect(env[ENV.modelCacheDir]).toBe(CONTAINER_PATHS.modelCache);
    expect(env[ENV.modelConfig]).toBe(CONTAINER_PATHS.modelConfig);
  });

  it('leaves replicas to the HPA and keeps the PDB satisfiable at minReplicas', () => {
    const objects = build({
      autoscaling: { minReplicas: 3, maxReplicas: 8, customMetric: { name: 'q', averageValue: 4 } },
    });
    expect(find(objects, 'Deployment').spec).not.toHaveProperty('replicas');
    const hpa = find(objects, 'HorizontalPodAutoscaler').spec as {
      minReplicas: number;
      metrics: { type: string }[];
    };
    expect(hpa.minReplicas).toBe(3);
    expect(hpa.metrics.map((m) => m.type)).toEqual(['Resource', 'Pods']);
    const pdb = find(objects, 'PodDisruptionBudget').spec as { maxUnavailable: number };
    expect(pdb.maxUnavailable).toBeLessThan(hpa.minReplicas);
  });

  it('sets replicas and no HPA when autoscaling is off', () => {
    const objects = build({ autoscaling: false, replicas: 3 });
    expect((find(objects, 'Deployment').spec as { replicas: number }).replicas).toBe(3);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('refuses a PDB that would block drains, naming the fix', () => {
    expect(() => resolveScaling({ ...base, autoscaling: { minReplicas: 1 } })).toThrow(
      /podDisruptionBudget/,
    );
    expect(() =>
      resolveScaling({ ...base, autoscaling: false, replicas: 1, podDisruptionBudget: false }),
    ).not.toThrow();
  });

  it('exposes HTTP and the Open Inference Protocol gRPC port on the Service', () => {
    const svc = find(build(), 'Service').spec as {
      ports: { name: string; port: number; targetPort: string; appProtocol?: string }[];
    };
    expect(svc.ports).toEqual([
      expect.objectContaining({ name: 'http', targetPort: 'http' }),
      {
        name: 'grpc',
        port: SERVING_GRPC_PORT,
        targetPort: 'grpc',
        appProtocol: 'kubernetes.io/h2c',
      },
    ]);
  });

  it('denies by default, admits clients on HTTP and gRPC and Prometheus on HTTP only', () => {
    const objects = build({ monitoringNamespace: 'mlops-platform', clientNamespaces: ['apps'] });
    const deny = find(objects, 'NetworkPolicy', 'serving-default-deny').spec as Record<
      string,
      unknown
    >;
    expect(deny).toEqual(expect.objectContaining({ policyTypes: ['Ingress', 'Egress'] }));
    expect(deny).not.toHaveProperty('ingress');
    const allow = find(objects, 'NetworkPolicy', 'serving-allow').spec as {
      ingress: { from: unknown[]; ports: { port: number }[] }[];
    };
    const [clients, prometheus] = allow.ingress;
    expect(clients.ports).toEqual([
      { protocol: 'TCP', port: SERVING_PORT },
      { protocol: 'TCP', port: SERVING_GRPC_PORT },
    ]);
    expect(prometheus.ports).toEqual([{ protocol: 'TCP', port: SERVING_PORT }]);
    expect(JSON.stringify(prometheus.from)).toContain('prometheus');
    expect(JSON.stringify(allow.ingress)).toContain('mlops-platform');
    expect(JSON.stringify(allow.ingress)).toContain('apps');
  });

  it('validates the model config with the service schema and rolls pods when it changes', () => {
    expect(() =>
      build({ modelConfig: { models: [{ name: 'x', canary: { label: 'canary', weight: 2 } }] } }),
    ).toThrow(/models\.0\.canary\.weight/);
    const a = pod(build()).metadata?.annotations;
    const b = pod(
      build({ modelConfig: { models: [{ name: 'x', canary: { label: 'canary', weight: 0.1 } }] } }),
    ).metadata?.annotations;
    expect(a).not.toEqual(b);
  });

  it('adds an Ingress and admits its controller when asked', () => {
    const objects = build({ ingress: { host: 'detect.example.org', tlsSecret: 'tls' } });
    const ing = find(objects, 'Ingress');
    expect(JSON.stringify(ing.spec)).toContain('detect.example.org');
    expect(JSON.stringify(find(objects, 'NetworkPolicy', 'serving-allow').spec)).toContain(
      'ingress-nginx',
    );
    for (const o of objects) expect(() => validateObject(o)).not.toThrow();
  });

  it('schema validation catches a broken object', () => {
    const broken = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { template: {} },
    };
    expect(() => validateObject(broken)).toThrow(/selector/);
  });

  it('is a pure function of its props', () => {
    const app = new App();
    const a = new ServingChart(app, 'a', base);
    expect(Chart.of(a)).toBe(a);
    expect(JSON.stringify(synth(new ServingChart(Testing.app(), 's', base)))).toBe(
      JSON.stringify(synth(new ServingChart(Testing.app(), 's', base))),
    );
  });
});
