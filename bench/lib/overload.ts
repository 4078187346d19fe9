// The overload experiment shared by the reliability test and `npm run bench:overload`: measure
// the service's saturation throughput (closed loop after a warm-up), then offer twice that rate
// open-loop for a fixed time while probing /healthz, /readyz and /metrics; report outcome counts,
// latencies per outcome, goodput, and the event-loop delay the service exports.
import { runLoad } from './load';
import { probe, request, runOpenLoop, type OpenLoopResult } from './open-loop';
import type { Summary } from './stats';

export interface OverloadOptions {
  readonly url: string;
  readonly body: Buffer;
  readonly contentType: string;
  readonly seconds: number;
  /** Offered rate as a multiple of the measured saturation throughput. */
  readonly factor?: number;
}

export interface OverloadResult {
  readonly saturationRps: number;
  /** Median raw model time of one request at saturation, as the service reports it (ms). */
  readonly inferenceMs: number;
  readonly offeredRps: number;
  readonly storm: OpenLoopResult;
  readonly probes: Record<string, Summary & { failures: number }>;
  /** p99 of the main thread's event-loop delay over the last minute of the storm (ms). */
  readonly eventLoopP99Ms: number;
  /** Seconds from the last request sent to the last answer (the backlog's drain). */
  readonly drainSeconds: number;
}

async function inferenceMedian(url: string, body: Buffer, contentType: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    const json = (await res.json()) as { timings?: { inferenceMs: number } };
    if (json.timings) times.push(json.timings.inferenceMs);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function eventLoopP99(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^mlops_serving_event_loop_delay_seconds\{quantile="0.99"\} ([\d.e+-]+)$/m.exec(text);
  return m ? Number(m[1]) * 1000 : Number.NaN;
}

export async function runOverload(o: OverloadOptions): Promise<OverloadResult> {
  const base = new URL(o.url).origin;
  const closed = (seconds: number) =>
    runLoad({
      url: o.url,
      body: o.body,
      contentType: o.contentType,
      connections: 4,
      durationSeconds: seconds,
    });
  await closed(3);
  const saturation = await closed(8);
  const inferenceMs = await inferenceMedian(o.url, o.body, o.contentType);
  const offeredRps = Math.ceil((o.factor ?? 2) * saturation.throughput);
  const t0 = performance.now();
  const storm = runOpenLoop({
    ...o,
    rate: offeredRps,
    durationSeconds: o.seconds,
    timeoutMs: 60_000,
  });
  const probes = probe(base, ['/healthz', '/readyz', '/metrics'], 100, storm);
  const [result, probed] = await Promise.all([storm, probes]);
  const eventLoopP99Ms = await eventLoopP99(base);
  return {
    saturationRps: saturation.throughput,
    inferenceMs,
    offeredRps,
    storm: result,
    probes: probed,
    eventLoopP99Ms,
    drainSeconds: Math.max(0, (performance.now() - t0) / 1000 - o.seconds),
  };
}

export { request };
