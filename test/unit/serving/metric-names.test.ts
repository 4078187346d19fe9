// The serving service registers every metric the shared contract names (the alert rules and
// dashboards query those names), so a rename on either side fails here.
import { SERVING_METRICS } from '../../../core/monitoring/metric-names';
import { DriftMonitor } from '../../../serving/src/drift/drift-monitor';
import { createMetrics } from '../../../serving/src/metrics';

describe('serving metrics', () => {
  it('export every name in SERVING_METRICS', async () => {
    const metrics = createMetrics();
    new DriftMonitor(metrics.registry, 60_000);
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const missing = Object.values(SERVING_METRICS).filter(
      (n) => !exported.has(n.replace(/_total$/, '')) && !exported.has(n),
    );
    expect(missing).toEqual([]);
  });
});
