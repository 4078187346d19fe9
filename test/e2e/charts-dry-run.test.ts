// Every chart applied by server-side dry-run to the local cluster, in namespaces that ENFORCE
// (and warn/audit) the restricted Pod Security Standard: zero rejections, zero warnings. Pod
// Security enforce only judges Pods, so each chart's pod templates are also dry-run as bare Pods;
// a deliberately privileged Pod proves the namespaces really enforce.
import { spawnSync } from 'node:child_process';
import { App, Yaml } from 'cdk8s';
import { locateBinary } from '../../cli/cluster/binaries';
import { buildAllCharts } from '../../infra/charts/all-charts';
import { podTemplates, synth, type K8sObject } from '../unit/charts/manifests';
import { CLUSTER_START_TIMEOUT_MS, clusterMissing, ensureCluster } from '../helpers/cluster';
import { describeWhen } from '../helpers/requirements';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36)}`.slice(-8);
const workloadNs = `charts-wl-${suffix}`;
const platformNs = `charts-pf-${suffix}`;
const PSS = ['enforce', 'warn', 'audit'];

function kubectl(kubeconfig: string, args: string[], input?: string) {
  const r = spawnSync(locateBinary('kubectl') ?? 'kubectl', ['--kubeconfig', kubeconfig, ...args], {
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function namespace(name: string): K8sObject {
  const labels = Object.fromEntries(
    PSS.flatMap((mode) => [
      [`pod-security.kubernetes.io/${mode}`, 'restricted'],
      [`pod-security.kubernetes.io/${mode}-version`, 'latest'],
    ]),
  );
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A bare Pod per pod template (default service account: dry-run creates no ServiceAccount). */
function probePods(objects: K8sObject[]): K8sObject[] {
  return podTemplates(objects).map(({ owner, template }, i) => {
    const spec: Partial<typeof template.spec> = { ...template.spec };
    delete spec.serviceAccountName;
    // A StatefulSet's claim templates become volumes of its pods; stand in with emptyDirs.
    const owned = objects.find((o) => `${o.kind}/${o.metadata.name}` === owner);
    const claims = (owned?.spec?.volumeClaimTemplates ?? []) as { metadata: { name: string } }[];
    spec.volumes = [
      ...(spec.volumes ?? []),
      ...claims.map((c) => ({ name: c.metadata.name, emptyDir: {} })),
    ];
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `psa-${owner.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${i}`.slice(0, 63),
        namespace: objects.find((o) => o.metadata.name === owner.split('/')[1])?.metadata.namespace,
        labels: template.metadata?.labels,
      },
      spec: { ...spec, restartPolicy: 'Never' },
    };
  });
}

describeWhen(clusterMissing())('charts: server-side dry-run under restricted Pod Security', () => {
  let kubeconfig = '';

  beforeAll(async () => {
    kubeconfig = await ensureCluster();
    const r = kubectl(
      kubeconfig,
      ['apply', '-f', '-'],
      Yaml.stringify(namespace(workloadNs), namespace(platformNs)),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, CLUSTER_START_TIMEOUT_MS);

  afterAll(() => {
    if (kubeconfig)
      kubectl(kubeconfig, ['delete', 'namespace', workloadNs, platformNs, '--wait=false']);
  });

  const charts = Object.entries(
    buildAllCharts(new App(), {
      environment: 'local',
      inClusterServices: true,
      workloadNamespace: workloadNs,
      platformNamespace: platformNs,
    }),
  );

  it.each(charts)(
    '%s: every object and pod accepted with no warning',
    (_name, chart) => {
      const objects = synth(chart);
      const docs = [...objects, ...probePods(objects)];
      const r = kubectl(
        kubeconfig,
        ['apply', '--dry-run=server', '-f', '-'],
        Yaml.stringify(...docs),
      );
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout.trim().split('\n')).toHaveLength(docs.length);
    },
    60_000,
  );

  it('rejects a privileged pod in the same namespaces (enforcement is on)', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'privileged', namespace: workloadNs },
      spec: {
        containers: [{ name: 'c', image: 'busybox:1.36', securityContext: { privileged: true } }],
      },
    };
    const r = kubectl(kubeconfig, ['apply', '--dry-run=server', '-f', '-'], Yaml.stringify(pod));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/violates PodSecurity "restricted/);
  });
});
