// Overload at the shipped defaults over real sockets: the service's saturation throughput is
// measured (closed loop after a warm-up), then twice that rate is offered open-loop for 60 s
// (requests leave on schedule whatever the answers) while /healthz, /readyz and /metrics are
// probed every 100 ms. The main thread never runs TensorFlow, so the probes stay fast — the
// health threshold is also below one inference measured in this run, so a server that merely
// yielded between inferences on its main thread would fail it — excess requests are shed at once
// with 503 + Retry-After, goodput stays near saturation, and every request gets 200, 503 or 504.
import { runOverload } from '../../bench/lib/overload';
import { photosMissingReason, readPhoto } from '../helpers/photos';
import { describeWhen } from '../helpers/requirements';
import { report } from './report';
import { useServing } from './serving-fixture';

const SECONDS = Number(process.env.MLOPS_OVERLOAD_SECONDS ?? 60);

describeWhen(photosMissingReason())('overload at 2x saturation, shipped defaults', () => {
  const serving = useServing();

  it(
    'keeps health fast, sheds the excess with 503 at once and serves near saturation',
    async () => {
      const server = serving();
      const r = await runOverload({
        url: `${server.url}/v1/detect`,
        body: readPhoto('astronaut.png'),
        contentType: 'image/png',
        seconds: SECONDS,
      });
      const { storm, probes } = r;
      const round = (n: number | undefined) => (n === undefined ? null : +n.toFixed(1));
      report('overload', {
        saturationRps: round(r.saturationRps),
        inferenceMs: round(r.inferenceMs),
        offeredRps: r.offeredRps,
        seconds: SECONDS,
        statuses: storm.statuses,
        goodputRps: round(storm.goodput),
        acceptedP50Ms: round(storm.latency['200']?.p50),
        acceptedP99Ms: round(storm.latency['200']?.p99),
        shedP50Ms: round(storm.latency['503']?.p50),
        shedP99Ms: round(storm.latency['503']?.p99),
        healthzP50Ms: round(probes['/healthz']!.p50),
        healthzP99Ms: round(probes['/healthz']!.p99),
        readyzP99Ms: round(probes['/readyz']!.p99),
        metricsP99Ms: round(probes['/metrics']!.p99),
        eventLoopP99Ms: round(r.eventLoopP99Ms),
        drainSeconds: round(r.drainSeconds),
      });
      // Every request answered 200, 503 or 504; none hung, no socket failed.
      expect(Object.keys(storm.statuses).filter((s) => !['200', '503', '504'].includes(s))).toEqual(
        [],
      );
      expect(storm.statuses['503'] ?? 0).toBeGreaterThan(0); // it really was overloaded
      expect(storm.retryAfter.every((v) => /^\d+$/.test(v))).toBe(true);
      expect(storm.latency['503']!.p99).toBeLessThanOrEqual(50);
      expect(storm.goodput).toBeGreaterThanOrEqual(0.9 * r.saturationRps);
      // Health: within 50 ms and below one inference of this run.
      const healthLimit = Math.min(50, 0.9 * r.inferenceMs);
      expect(probes['/healthz']!.p99).toBeLessThanOrEqual(healthLimit);
      expect(probes['/readyz']!.p99).toBeLessThanOrEqual(healthLimit);
      expect(probes['/metrics']!.p99).toBeLessThanOrEqual(100);
      expect(probes['/healthz']!.failures + probes['/readyz']!.failures).toBe(0);
      expect(r.eventLoopP99Ms).toBeLessThanOrEqual(20);
      expect(server.child.exitCode).toBeNull();
    },
    (SECONDS + 180) * 1000,
  );
});
