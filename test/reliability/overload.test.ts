// Load at twice the measured saturation throughput for 60 s: the service sheds what it cannot
// queue with 503 + Retry-After and nothing else fails; p99 of accepted requests is reported;
// the next request after the storm succeeds. Saturation is measured after a warm-up (the first
// runs of the kernels are slower) with 4 clients, within the admission limit (queue 4 + 1
// running). The storm is autocannon with a rate limit: it opens `rate` connections that each
// send one request per second once their previous answer is back, so the offered rate is real
// only while latency stays under a second. Hence the short queue: with 16, a server slower than
// 16 req/s answers in more than a second, the client slows to the server's pace and nothing is
// ever shed (seen on a 10 req/s machine).
import { runLoad } from '../../bench/lib/load';
import { photosMissingReason, readPhoto } from '../helpers/photos';
import { describeWhen } from '../helpers/requirements';
import { report } from './report';
import { useServing } from './serving-fixture';

const SECONDS = Number(process.env.MLOPS_OVERLOAD_SECONDS ?? 60);

describeWhen(photosMissingReason())('overload at 2x saturation', () => {
  const body = () => readPhoto('astronaut.png');
  const serving = useServing({ MLOPS_MAX_QUEUE: '4' });

  it(
    'sheds load with 503 only and keeps serving',
    async () => {
      const server = serving();
      const url = `${server.url}/v1/detect`;
      const closedLoop = (durationSeconds: number) =>
        runLoad({ url, body: body(), contentType: 'image/png', connections: 4, durationSeconds });
      await closedLoop(3);
      const saturation = await closedLoop(8);
      expect(Object.keys(saturation.statuses)).toEqual(['200']);
      const rate = Math.ceil(2 * saturation.throughput);
      const storm = await runLoad({
        url,
        body: body(),
        contentType: 'image/png',
        connections: 64,
        overallRate: rate,
        durationSeconds: SECONDS,
      });
      report('overload', {
        saturationRps: +saturation.throughput.toFixed(1),
        offeredRps: rate,
        answered: storm.requests,
        seconds: SECONDS,
        statuses: storm.statuses,
        acceptedP50Ms: +storm.ok.p50.toFixed(1),
        acceptedP99Ms: +storm.ok.p99.toFixed(1),
        socketErrors: storm.errors,
        timeouts: storm.timeouts,
      });
      expect(Object.keys(storm.statuses).filter((s) => s !== '200' && s !== '503')).toEqual([]);
      expect(storm.statuses['503'] ?? 0).toBeGreaterThan(0); // it really was overloaded
      expect(storm.errors).toBe(0);
      expect(storm.timeouts).toBe(0);

      // A burst well past the admission limit (queue 4 + 1 running) shows what a shed request
      // looks like; a starved client may send it slowly, so up to three bursts are tried.
      let rejected: Response | undefined;
      for (let attempt = 0; attempt < 3 && !rejected; attempt++) {
        const burst = await Promise.all(
          Array.from({ length: 64 }, () =>
            fetch(url, { method: 'POST', body: body(), headers: { 'content-type': 'image/png' } }),
          ),
        );
        rejected = burst.find((r) => r.status === 503);
      }
      expect(rejected?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await rejected?.json()).toMatchObject({ error: expect.any(String) });
      const after = await fetch(url, {
        method: 'POST',
        body: body(),
        headers: { 'content-type': 'image/png' },
      });
      expect(after.status).toBe(200);
      expect(server.child.exitCode).toBeNull();
    },
    (SECONDS + 120) * 1000,
  );
});
