// Sequential requests against a running service: client round-trip time next to the server's own
// `timings` (raw model inference, decode), so the serving overhead is measured per request.
import { summarize, type Summary } from './stats';

export interface ProbeResult {
  readonly client: Summary;
  readonly inference: Summary;
  readonly decode: Summary;
  /** Waiting in the scheduler's queue, and the server's whole handling (decode to response). */
  readonly queue: Summary;
  readonly serverTotal: Summary;
  readonly detections: number;
}

export async function probe(
  url: string,
  body: Buffer,
  contentType: string,
  runs: number,
  warmup = 5,
): Promise<ProbeResult> {
  const client: number[] = [];
  const inference: number[] = [];
  const decode: number[] = [];
  const queue: number[] = [];
  const serverTotal: number[] = [];
  let detections = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    const json = (await res.json()) as {
      detections: unknown[];
      timings: { inferenceMs: number; decodeMs: number; queueMs: number; totalMs: number };
    };
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`probe got ${res.status}: ${JSON.stringify(json)}`);
    if (i < warmup) continue;
    client.push(ms);
    inference.push(json.timings.inferenceMs);
    decode.push(json.timings.decodeMs);
    // The Python baseline reports decode and inference only.
    if (typeof json.timings.queueMs === 'number') queue.push(json.timings.queueMs);
    if (typeof json.timings.totalMs === 'number') serverTotal.push(json.timings.totalMs);
    detections = json.detections.length;
  }
  return {
    client: summarize(client),
    inference: summarize(inference),
    decode: summarize(decode),
    queue: summarize(queue),
    serverTotal: summarize(serverTotal),
    detections,
  };
}
