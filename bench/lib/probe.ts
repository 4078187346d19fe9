// Sequential requests against a running service: client round-trip time next to the server's own
// `timings` (raw model inference, decode) of the same request, so the serving overhead is a
// per-request ratio rather than a ratio of two phases measured at different moments (this
// machine's speed drifts by ±20 % within minutes). The client is node:http on one keep-alive
// socket, lean like autocannon's, so its own cost stays out of the figure.
import * as http from 'node:http';
import { summarize, type Summary } from './stats';

export interface ProbeResult {
  readonly client: Summary;
  readonly inference: Summary;
  readonly decode: Summary;
  /** Waiting in the scheduler's queue, and the server's whole handling (decode to response). */
  readonly queue: Summary;
  readonly serverTotal: Summary;
  /** Client round trip over the server's raw inference time, per request. */
  readonly endToEndOverRaw: Summary;
  readonly detections: number;
}

interface Timings {
  inferenceMs: number;
  decodeMs: number;
  queueMs?: number;
  totalMs?: number;
}

function post(
  agent: http.Agent,
  url: URL,
  body: Buffer,
  contentType: string,
): Promise<{ status: number; json: { detections: unknown[]; timings: Timings } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              detections: unknown[];
              timings: Timings;
            };
            resolve({ status: res.statusCode ?? 0, json });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function probe(
  url: string,
  body: Buffer,
  contentType: string,
  runs: number,
  warmup = 5,
): Promise<ProbeResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(url);
  const client: number[] = [];
  const inference: number[] = [];
  const decode: number[] = [];
  const queue: number[] = [];
  const serverTotal: number[] = [];
  const ratio: number[] = [];
  let detections = 0;
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      const { status, json } = await post(agent, target, body, contentType);
      const ms = performance.now() - t0;
      if (status !== 200) throw new Error(`probe got ${status}: ${JSON.stringify(json)}`);
      if (i < warmup) continue;
      const t = json.timings;
      client.push(ms);
      inference.push(t.inferenceMs);
      decode.push(t.decodeMs);
      ratio.push(ms / t.inferenceMs);
      // The Python baseline reports decode and inference only.
      if (typeof t.queueMs === 'number') queue.push(t.queueMs);
      if (typeof t.totalMs === 'number') serverTotal.push(t.totalMs);
      detections = json.detections.length;
    }
  } finally {
    agent.destroy();
  }
  return {
    client: summarize(client),
    inference: summarize(inference),
    decode: summarize(decode),
    queue: summarize(queue),
    serverTotal: summarize(serverTotal),
    endToEndOverRaw: summarize(ratio),
    detections,
  };
}
