// Preview JSON shaped like `pulumi preview --json` output, for create/update/replace/delete.
const urn = (type: string, name: string) =>
  `urn:pulumi:staging::mlops-stack::mlops-stack:workloads:Workloads$${type}::${name}`;

export function previewJson(extra: { steps?: object[]; diagnostics?: object[] } = {}): string {
  return JSON.stringify({
    config: { 'mlops-stack:cluster': '{"kind":"eks"}' },
    steps: [
      { op: 'same', urn: urn('kubernetes:core/v1:Namespace', 'mlops') },
      {
        op: 'create',
        urn: urn('kubernetes:core/v1:ConfigMap', 'serving-models'),
        newState: { type: 'kubernetes:core/v1:ConfigMap' },
      },
      {
        op: 'update',
        urn: urn('kubernetes:apps/v1:Deployment', 'serving'),
        newState: { type: 'kubernetes:apps/v1:Deployment' },
        diffReasons: ['spec'],
        detailedDiff: { 'spec.template.spec.containers[0].image': { kind: 'update' } },
      },
      {
        op: 'create-replacement',
        urn: urn('kubernetes:batch/v1:Job', 'ingest'),
        replaceReasons: ['spec.template'],
      },
      {
        op: 'replace',
        urn: urn('kubernetes:batch/v1:Job', 'ingest'),
        replaceReasons: ['spec.template'],
      },
      { op: 'delete-replaced', urn: urn('kubernetes:batch/v1:Job', 'ingest') },
      {
        op: 'delete',
        urn: urn('kubernetes:core/v1:Service', 'old-svc'),
        oldState: { type: 'kubernetes:core/v1:Service' },
      },
      ...(extra.steps ?? []),
    ],
    changeSummary: { create: 1, update: 1, replace: 1, delete: 1, same: 1 },
    diagnostics: extra.diagnostics ?? [],
  });
}

export function manyCreates(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    op: 'create',
    urn: urn('kubernetes:core/v1:ConfigMap', `cm-${i}-${'x'.repeat(40)}`),
    newState: { type: 'kubernetes:core/v1:ConfigMap' },
  }));
}
