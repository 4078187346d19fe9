// Closed-loop HTTP load with autocannon: `connections` clients each send the next request as soon
// as the previous one answered. Latencies are collected per response (exact percentiles,
// including p95, which autocannon's own summary lacks), split by status code.
import autocannon from 'autocannon';
import { summarize, type Summary } from './stats';

export interface LoadOptions {
  readonly url: string;
  readonly body: Buffer;
  readonly contentType: string;
  readonly connections: number;
  readonly durationSeconds?: number;
  readonly amount?: number;
  readonly headers?: Record<string, string>;
  /** Open-loop rate limit in requests/s across all connections (autocannon overallRate). */
  readonly overallRate?: number;
}

export interface LoadResult {
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly throughput: number;
  readonly ok: Summary;
  readonly statuses: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const okLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const instance = autocannon({
    url: o.url,
    method: 'POST',
    body: o.body,
    headers: { 'content-type': o.contentType, ...o.headers },
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.durationSeconds ?? 10 }),
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
    timeout: 60,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status < 300) okLatencies.push(ms);
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    connections: o.connections,
    seconds,
    requests,
    throughput: okLatencies.length / seconds,
    ok: summarize(okLatencies),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
