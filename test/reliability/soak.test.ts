// Soak: requests through the real process for a fixed time (MLOPS_SOAK_SECONDS, default 300 s:
// ~3,500 requests at ~12 req/s; at least 8 blocks), capped by MLOPS_SOAK_REQUESTS if set, so the
// reliability suite's length does not depend on the machine's speed; resident memory and live
// TensorFlow.js tensors must stay flat (slopes reported). Resident memory is read every 100 ms; each block of
// 250 requests contributes its floor (the lowest reading), because a leak raises the floor while
// in-flight buffers and allocator timing only add spikes.
import { runLoad } from '../../bench/lib/load';
import { residentMiB } from '../../bench/lib/process-stats';
import { robustSlope, slope } from '../../bench/lib/stats';
import { photosMissingReason, readPhoto } from '../helpers/photos';
import { describeWhen } from '../helpers/requirements';
import { report } from './report';
import { useServing } from './serving-fixture';

const SECONDS = Number(process.env.MLOPS_SOAK_SECONDS ?? 300);
const MAX_REQUESTS = Number(process.env.MLOPS_SOAK_REQUESTS ?? Number.POSITIVE_INFINITY);
const STEP = 250;
const MIN_BLOCKS = 8;
const SAMPLE_MS = 100;

/** Live TensorFlow.js tensors and the V8 heap in use (MiB), from the service's /metrics. */
async function scrape(url: string): Promise<{ tensors: number; heapMiB: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => {
    const m = new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text);
    if (!m) throw new Error(`${name} missing from /metrics`);
    return Number(m[1]);
  };
  return {
    tensors: value('mlops_serving_tf_tensors'),
    heapMiB: value('mlops_serving_nodejs_heap_size_used_bytes') / 2 ** 20,
  };
}

describeWhen(photosMissingReason())(`soak of ${SECONDS} s`, () => {
  const serving = useServing();

  it('keeps resident memory and tensor count flat', async () => {
    const server = serving();
    const url = `${server.url}/v1/detect`;
    // Another real photo (coffee.png, 600x400): letterboxed to the model input of 512² as usual.
    const body = readPhoto('coffee.png');
    const done: number[] = [];
    const rss: number[] = []; // floor of each block
    const idle: number[] = []; // reading after each block
    let peak = 0; // highest reading, under load or idle
    const tensors: number[] = [];
    const heap: number[] = []; // V8 heap in use after each block: tells a JS leak from a native one
    const statuses: Record<string, number> = {};
    const started = performance.now();
    const more = (sent: number) =>
      sent < MAX_REQUESTS &&
      (sent < MIN_BLOCKS * STEP || performance.now() - started < SECONDS * 1000);
    let total = 0;
    for (let sent = 0; more(sent); sent += STEP) {
      total = sent + STEP;
      const readings: number[] = [];
      const sampler = setInterval(() => readings.push(residentMiB(server.pid)), SAMPLE_MS);
      const r = await runLoad({
        url,
        body,
        contentType: 'image/png',
        connections: 4,
        amount: STEP,
      });
      for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
      clearInterval(sampler);
      done.push((sent + STEP) / 1000);
      idle.push(residentMiB(server.pid));
      rss.push(Math.min(...readings, idle.at(-1)!));
      peak = Math.max(peak, ...readings, idle.at(-1)!);
      const scraped = await scrape(server.url);
      tensors.push(scraped.tensors);
      heap.push(scraped.heapMiB);
    }
    // The allocator settles over the first thousands of requests (its arenas fill up to their
    // working size); a leak keeps growing, so the trend is measured over the second half.
    const half = Math.floor(done.length / 2);
    const rssSlope = robustSlope(done.slice(half), rss.slice(half));
    report('soak', {
      requests: total,
      seconds: +((performance.now() - started) / 1000).toFixed(0),
      statuses,
      rssMiB: {
        first: +rss[0]!.toFixed(0),
        last: +rss.at(-1)!.toFixed(0),
        max: +peak.toFixed(0),
      },
      rssSlopeMiBPer1kRequests: +rssSlope.toFixed(2),
      idleLeastSquaresSlope: +slope(done.slice(half), idle.slice(half)).toFixed(2),
      floors: rss.map((v) => Math.round(v)),
      heapUsedSlopeMiBPer1kRequests: +robustSlope(done.slice(half), heap.slice(half)).toFixed(2),
      tensors: { min: Math.min(...tensors), max: Math.max(...tensors) },
    });
    expect(statuses).toEqual({ '200': total });
    expect(Math.max(...tensors)).toBe(Math.min(...tensors));
    // No growth: under 1 MiB per 1,000 requests (a leak of one 512² float input per request
    // would be 3 GiB); a falling slope is the allocator returning warm-up memory.
    expect(rssSlope).toBeLessThan(1);
    expect(peak).toBeLessThan(512); // the replica's memory budget
  }, 1_800_000);
});
