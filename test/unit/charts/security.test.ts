// Cross-chart invariants: every container of every chart meets the restricted Pod Security
// Standard, every object carries the app.kubernetes.io labels and passes the Kubernetes schemas,
// every image is pinned, and each Service/PDB/NetworkPolicy selects pods that exist.
import { App } from 'cdk8s';
import { LABELS } from '../../../core/contract';
import { buildAllCharts } from '../../../infra/charts/all-charts';
import { find, podTemplates, synth, validateObject, type K8sObject } from './manifests';

const digest = `sha256:${'ab'.repeat(32)}`;
const withDigests = Object.fromEntries(
  [
    'serving',
    'training',
    'registry',
    'minio',
    'minioClient',
    'prometheus',
    'alertmanager',
    'grafana',
  ].map((k) => [k, { repository: `example.org/${k}`, tag: '1.0.0', digest }]),
);

const charts = Object.entries(
  buildAllCharts(new App(), { environment: 'local', inClusterServices: true }),
);
const all: [string, K8sObject[]][] = charts.map(([name, chart]) => [name, synth(chart)]);

describe.each(all)('%s chart', (_name, objects) => {
  it('validates against the Kubernetes schemas', () => {
    for (const o of objects) expect(() => validateObject(o)).not.toThrow();
  });

  it('labels every object with app.kubernetes.io/{name,instance,component,part-of,version}', () => {
    for (const o of objects) {
      for (const key of [
        LABELS.name,
        LABELS.instance,
        LABELS.component,
        LABELS.partOf,
        LABELS.version,
      ]) {
        expect({
          object: `${o.kind}/${o.metadata.name}`,
          label: key,
          has: Boolean(o.metadata.labels?.[key]),
        }).toEqual({ object: `${o.kind}/${o.metadata.name}`, label: key, has: true });
      }
    }
  });

  it('runs every container restricted: non-root, read-only root, no privilege, ALL dropped, RuntimeDefault', () => {
    for (const { owner, template } of podTemplates(objects)) {
      expect({ owner, runAsNonRoot: template.spec.securityContext?.runAsNonRoot }).toEqual({
        owner,
        runAsNonRoot: true,
      });
      for (const c of [...template.spec.containers, ...(template.spec.initContainers ?? [])]) {
        expect({ owner, container: c.name, ...c.securityContext }).toMatchObject({
          owner,
          container: c.name,
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(c.resources?.limits?.memory).toBeDefined();
        expect(c.resources?.requests?.cpu).toBeDefined();
      }
    }
  });

  it('pins every image by tag (never latest)', () => {
    for (const { template } of podTemplates(objects)) {
      for (const c of template.spec.containers)
        expect(c.image).toMatch(/:[\w][\w.-]*(@sha256:[0-9a-f]{64})?$/);
      for (const c of template.spec.containers) expect(c.image).not.toMatch(/:latest\b/);
    }
  });

  it('selects existing pods from every Service, PodDisruptionBudget and NetworkPolicy', () => {
    const podLabels = podTemplates(objects).map((p) => p.template.metadata?.labels ?? {});
    const matches = (sel: Record<string, string>) =>
      podLabels.some((labels) => Object.entries(sel).every(([k, v]) => labels[k] === v));
    for (const o of objects) {
      const spec = o.spec as Record<
        string,
        { matchLabels?: Record<string, string> } | Record<string, string>
      >;
      const sel =
        o.kind === 'Service'
          ? (spec.selector as Record<string, string>)
          : o.kind === 'PodDisruptionBudget'
            ? (spec.selector as { matchLabels: Record<string, string> }).matchLabels
            : o.kind === 'NetworkPolicy'
              ? (spec.podSelector as { matchLabels: Record<string, string> }).matchLabels
              : undefined;
      if (sel)
        expect({ object: `${o.kind}/${o.metadata.name}`, selectsPods: matches(sel) }).toMatchObject(
          { selectsPods: true },
        );
    }
  });
});

describe('image digest policy', () => {
  it('refuses undigested images in prod and accepts digests', () => {
    expect(() =>
      buildAllCharts(new App(), { environment: 'prod', inClusterServices: false }),
    ).toThrow(/requires a digest/);
    const objects = Object.values(
      buildAllCharts(new App(), {
        environment: 'prod',
        inClusterServices: true,
        images: withDigests,
      }),
    ).flatMap((c) => synth(c));
    const images = podTemplates(objects).flatMap((p) =>
      p.template.spec.containers.map((c) => c.image),
    );
    expect(images.length).toBeGreaterThan(5);
    for (const image of images) expect(image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(find(objects, 'Deployment', 'serving')).toBeDefined();
  });
});
