// Open-loop HTTP load: requests leave at a fixed rate whatever the server does (a new request
// does not wait for an earlier answer), as real clients arrive; plus a prober that measures the
// health endpoints meanwhile. Every request is bounded by a client timeout, so nothing hangs the
// run; latencies are kept per status code.
import * as http from 'node:http';
import { summarize, type Summary } from './stats';

export interface OpenLoopOptions {
  readonly url: string;
  readonly body: Buffer;
  readonly contentType: string;
  /** Requests per second sent, evenly spaced. */
  readonly rate: number;
  readonly durationSeconds: number;
  /** Client-side limit of one request (counted in `timeouts`). */
  readonly timeoutMs?: number;
}

export interface OpenLoopResult {
  readonly sent: number;
  readonly seconds: number;
  readonly statuses: Record<string, number>;
  /** Latency summary per status code (ms). */
  readonly latency: Record<string, Summary>;
  /** 200 answers per second over the run (until the last answer). */
  readonly goodput: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Retry-After headers seen on 503 answers. */
  readonly retryAfter: string[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

interface Answer {
  readonly status: number;
  readonly ms: number;
  readonly retryAfter?: string;
}

/** One request over node:http; `status` 0 = socket error, -1 = client timeout. */
export function request(
  url: string,
  init: { method?: string; body?: Buffer; contentType?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: init.method ?? 'GET',
        agent,
        headers: init.body
          ? {
              'content-type': init.contentType ?? 'application/octet-stream',
              'content-length': init.body.length,
            }
          : {},
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - t0,
            retryAfter: res.headers['retry-after'],
          }),
        );
      },
    );
    req.setTimeout(init.timeoutMs ?? 60_000, () => {
      req.destroy();
      resolve({ status: -1, ms: performance.now() - t0 });
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end(init.body);
  });
}

export async function runOpenLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const total = Math.round(o.rate * o.durationSeconds);
  const started = performance.now();
  const answers: Promise<Answer>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    answers.push(
      request(o.url, {
        method: 'POST',
        body: o.body,
        contentType: o.contentType,
        timeoutMs: o.timeoutMs,
      }),
    );
  }
  const done = await Promise.all(answers);
  const seconds = (performance.now() - started) / 1000;
  const byStatus = new Map<string, number[]>();
  const retryAfter: string[] = [];
  for (const a of done) {
    const key = String(a.status);
    byStatus.set(key, [...(byStatus.get(key) ?? []), a.ms]);
    if (a.status === 503 && a.retryAfter) retryAfter.push(a.retryAfter);
  }
  const statuses = Object.fromEntries([...byStatus].map(([k, v]) => [k, v.length]));
  return {
    sent: total,
    seconds,
    statuses,
    latency: Object.fromEntries([...byStatus].map(([k, v]) => [k, summarize(v)])),
    goodput: (statuses['200'] ?? 0) / seconds,
    errors: statuses['0'] ?? 0,
    timeouts: statuses['-1'] ?? 0,
    retryAfter,
  };
}

/** GETs each path every `intervalMs` until `stop` resolves; latency summary per path. */
export async function probe(
  base: string,
  paths: readonly string[],
  intervalMs: number,
  stop: Promise<unknown>,
): Promise<Record<string, Summary & { failures: number }>> {
  let stopped = false;
  void stop.finally(() => (stopped = true));
  const loop = async (p: string) => {
    const ms: number[] = [];
    let failures = 0;
    while (!stopped) {
      const a = await request(`${base}${p}`, { timeoutMs: 10_000 });
      ms.push(a.ms);
      if (a.status !== 200) failures++;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    return [p, { ...summarize(ms), failures }] as const;
  };
  return Object.fromEntries(await Promise.all(paths.map(loop)));
}
