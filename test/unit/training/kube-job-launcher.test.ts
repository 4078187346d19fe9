// In-cluster mode against a fake API server (real HTTP): the Job is created from the template in
// the trigger's namespace with the model label, reason and run arguments, the request carries the
// service-account token, a model with an unfinished Job gets no second one, and the launcher
// follows the Job to its outcome.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { STACK_LABELS } from '../../../core/contract';
import {
  createJobLauncher,
  ModelJobActiveError,
  TRIGGER_REASON_ANNOTATION,
} from '../../../training/src/trigger/kube/job-launcher';
import {
  createKubeClient,
  inClusterConnection,
  type KubeJob,
} from '../../../training/src/trigger/kube/kube-client';

interface Seen {
  method: string;
  url: string;
  auth?: string;
  body?: KubeJob;
}

const TEMPLATE: KubeJob = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { generateName: 'training-manual-', labels: { 'app.kubernetes.io/name': 'training' } },
  spec: {
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'training' } },
      spec: {
        containers: [
          { name: 'training', args: ['train', '--model', 'x', '--dataset', 'x', '--json'] },
        ],
      },
    },
  },
};

describe('Kubernetes Job launcher (fake API server)', () => {
  let server: http.Server;
  let seen: Seen[];
  let existing: KubeJob[];
  let polls: number;
  let base: string;

  beforeEach(async () => {
    seen = [];
    existing = [];
    polls = 0;
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method!,
          url: req.url!,
          auth: req.headers.authorization,
          body: data ? (JSON.parse(data) as KubeJob) : undefined,
        });
        res.setHeader('content-type', 'application/json');
        if (req.headers.authorization !== 'Bearer sa-token') {
          res.statusCode = 401;
          res.end(JSON.stringify({ kind: 'Status', message: 'Unauthorized' }));
        } else if (
          req.method === 'GET' &&
          req.url!.startsWith('/apis/batch/v1/namespaces/ml/jobs?')
        )
          res.end(JSON.stringify({ items: existing }));
        else if (req.method === 'POST' && req.url === '/apis/batch/v1/namespaces/ml/jobs') {
          res.statusCode = 201;
          const body = JSON.parse(data) as KubeJob;
          res.end(
            JSON.stringify({
              ...body,
              metadata: { ...body.metadata, name: 'training-manual-abc12' },
            }),
          );
        } else if (
          req.method === 'GET' &&
          req.url === '/apis/batch/v1/namespaces/ml/jobs/training-manual-abc12'
        ) {
          polls++;
          const done = polls >= 2 ? [{ type: 'Complete', status: 'True' }] : [];
          res.end(
            JSON.stringify({
              metadata: { name: 'training-manual-abc12' },
              status: { conditions: done },
            }),
          );
        } else {
          res.statusCode = 404;
          res.end(JSON.stringify({ kind: 'Status', message: 'not found' }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const launcher = (token = 'sa-token') =>
    createJobLauncher(
      createKubeClient({ server: base, namespace: 'ml', token: () => token }),
      TEMPLATE,
      {
        pollMs: 5,
        datasetOf: (m) => (m === 'detector' ? 'shapes' : m),
      },
    );

  it('creates the Job from the template and follows it until it completes', async () => {
    const result = await launcher()({
      model: 'detector',
      reason: 'dataset shapes v3',
      datasetVersion: 3,
    });
    expect(result).toEqual({ job: 'training-manual-abc12' });
    const [list, create, ...gets] = seen;
    expect(list).toMatchObject({ method: 'GET', auth: 'Bearer sa-token' });
    expect(decodeURIComponent(list!.url)).toBe(
      `/apis/batch/v1/namespaces/ml/jobs?labelSelector=${STACK_LABELS.model}=detector`,
    );
    expect(create).toMatchObject({
      method: 'POST',
      url: '/apis/batch/v1/namespaces/ml/jobs',
      auth: 'Bearer sa-token',
    });
    const job = create!.body!;
    expect(job.metadata).toMatchObject({
      generateName: 'training-manual-',
      namespace: 'ml',
      labels: { [STACK_LABELS.model]: 'detector', 'app.kubernetes.io/name': 'training' },
      annotations: { [TRIGGER_REASON_ANNOTATION]: 'dataset shapes v3' },
    });
    const spec = job.spec as {
      template: {
        metadata: { labels: Record<string, string> };
        spec: { containers: { args: string[] }[] };
      };
    };
    expect(spec.template.metadata.labels[STACK_LABELS.model]).toBe('detector');
    expect(spec.template.spec.containers[0]!.args).toEqual([
      'train',
      '--model',
      'detector',
      '--dataset',
      'shapes',
      '--json',
      '--trigger',
      'dataset shapes v3',
      '--dataset-version',
      '3',
    ]);
    expect(gets.map((g) => g.method)).toEqual(['GET', 'GET']);
  });

  it('refuses a second Job while the model has an unfinished one', async () => {
    existing = [
      {
        metadata: { name: 'old-done' },
        status: { conditions: [{ type: 'Complete', status: 'True' }] },
      },
      { metadata: { name: 'still-running' }, status: { active: 1 } },
    ];
    await expect(launcher()({ model: 'detector', reason: 'manual' })).rejects.toThrow(
      ModelJobActiveError,
    );
    expect(seen.filter((s) => s.method === 'POST')).toEqual([]);
  });

  it('reports API errors with the status message', async () => {
    await expect(launcher('wrong')({ model: 'detector', reason: 'manual' })).rejects.toThrow(
      /401 Unauthorized/,
    );
  });

  it('reads the in-cluster connection and requires the cluster CA for fetch', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-'));
    for (const [f, v] of [
      ['namespace', 'ml\n'],
      ['token', 'tok\n'],
      ['ca.crt', 'PEM'],
    ])
      fs.writeFileSync(path.join(dir, f!), v!);
    const env = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
    expect(() => inClusterConnection(env, dir)).toThrow(/NODE_EXTRA_CA_CERTS/);
    const c = inClusterConnection({ ...env, NODE_EXTRA_CA_CERTS: `${dir}/ca.crt` }, dir);
    expect([c.server, c.namespace, c.token()]).toEqual(['https://10.0.0.1:443', 'ml', 'tok']);
    expect(() => inClusterConnection({}, dir)).toThrow(/KUBERNETES_SERVICE_HOST/);
  });
});
