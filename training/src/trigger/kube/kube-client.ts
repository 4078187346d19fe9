// A tiny typed client for the two Kubernetes API calls the trigger makes (create a Job, list Jobs
// by label) over fetch, authenticated with the pod's service-account token. The cluster CA is
// trusted through NODE_EXTRA_CA_CERTS (the chart points it at the service account's ca.crt;
// Node reads it at start-up), so fetch needs no custom agent and no extra package.
import * as fs from 'node:fs';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeConnection {
  /** https://host:port of the API server. */
  readonly server: string;
  readonly namespace: string;
  /** Read per request: projected tokens rotate. */
  readonly token: () => string;
}

export interface KubeJob {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name?: string;
    readonly generateName?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec?: unknown;
  readonly status?: {
    readonly active?: number;
    readonly succeeded?: number;
    readonly failed?: number;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

/** 'Complete' or 'Failed' once the Job controller has decided, else undefined (still going). */
export function jobOutcome(job: KubeJob): 'Complete' | 'Failed' | undefined {
  const done = job.status?.conditions?.find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  return done?.type as 'Complete' | 'Failed' | undefined;
}

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/** The in-cluster connection: API server from the service env, token, CA and namespace files. */
export function inClusterConnection(
  env: NodeJS.ProcessEnv,
  dir: string = SERVICE_ACCOUNT_DIR,
): KubeConnection {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host)
    throw new Error('KUBERNETES_SERVICE_HOST is not set: in-cluster mode needs to run in a pod');
  if (env.NODE_EXTRA_CA_CERTS !== `${dir}/ca.crt`)
    throw new Error(
      `NODE_EXTRA_CA_CERTS must be ${dir}/ca.crt so the API server's certificate is trusted`,
    );
  const read = (f: string) => fs.readFileSync(`${dir}/${f}`, 'utf8').trim();
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    namespace: read('namespace'),
    token: () => read('token'),
  };
}

export function createKubeClient(c: KubeConnection) {
  const jobs = `/apis/batch/v1/namespaces/${encodeURIComponent(c.namespace)}/jobs`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${c.server}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${c.token()}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      let reason = text.slice(0, 300);
      try {
        reason = (JSON.parse(text) as { message?: string }).message ?? reason;
      } catch {
        // not a Status object
      }
      throw new KubeApiError(res.status, `${method} ${path}: ${res.status} ${reason}`);
    }
    return JSON.parse(text) as T;
  };
  return {
    namespace: c.namespace,
    createJob: (job: KubeJob) => call<KubeJob>('POST', jobs, job),
    getJob: (name: string) => call<KubeJob>('GET', `${jobs}/${encodeURIComponent(name)}`),
    listJobs: async (labels: Readonly<Record<string, string>>) => {
      const selector = Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const list = await call<{ items: KubeJob[] }>(
        'GET',
        `${jobs}?labelSelector=${encodeURIComponent(selector)}`,
      );
      return list.items;
    },
  };
}

export type KubeClient = ReturnType<typeof createKubeClient>;
