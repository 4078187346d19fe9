// Prometheus metrics of the serving service (prom-client, one registry per app instance so tests
// stay isolated). Names follow Prometheus conventions: base units, _total counters, _seconds.
import * as client from 'prom-client';
import { SERVING_METRICS as M } from '../../core/monitoring/metric-names';

const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10];

/** `liveTensors` reports the inference threads' live tensors at scrape time (a leak grows it). */
export function createMetrics(liveTensors: () => number = () => 0) {
  const registry = new client.Registry();
  const registers = [registry];
  client.collectDefaultMetrics({ register: registry, prefix: 'mlops_serving_' });
  const httpLabels = ['route', 'method', 'status', 'model', 'version'] as const;
  const modelLabels = ['model', 'version'] as const;
  return {
    registry,
    httpRequests: new client.Counter({
      name: M.httpRequests,
      help: 'HTTP requests answered',
      labelNames: httpLabels,
      registers,
    }),
    httpDuration: new client.Histogram({
      name: M.httpDuration,
      help: 'End-to-end HTTP request latency',
      labelNames: httpLabels,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    inferenceDuration: new client.Histogram({
      name: M.inferenceDuration,
      help: 'Model execution time per batch',
      labelNames: modelLabels,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    batchSize: new client.Histogram({
      name: M.batchSize,
      help: 'Images per model execution',
      labelNames: modelLabels,
      buckets: [1, 2, 4, 8, 16, 32],
      registers,
    }),
    queueDepth: new client.Gauge({
      name: M.queueDepth,
      help: 'Inference jobs waiting to run',
      registers,
    }),
    shedRequests: new client.Counter({
      name: M.shedRequests,
      help: 'Requests rejected with 503 because the queue was full',
      registers,
    }),
    modelLoadDuration: new client.Histogram({
      name: M.modelLoadDuration,
      help: 'Time to load and warm up a model version',
      labelNames: modelLabels,
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    modelLoadFailures: new client.Counter({
      name: M.modelLoadFailures,
      help: 'Model versions that failed to load',
      labelNames: modelLabels,
      registers,
    }),
    modelInfo: new client.Gauge({
      name: M.modelInfo,
      help: 'Loaded model versions (1 per loaded version)',
      labelNames: modelLabels,
      registers,
    }),
    detections: new client.Counter({
      name: M.detections,
      help: 'Detections returned, by class',
      labelNames: ['model', 'version', 'class'] as const,
      registers,
    }),
    scores: new client.Histogram({
      name: M.scores,
      help: 'Scores of returned detections',
      labelNames: modelLabels,
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      registers,
    }),
    imagePixels: new client.Histogram({
      name: M.imagePixels,
      help: 'Decoded input image size in pixels (width × height)',
      buckets: [1e4, 1e5, 3e5, 1e6, 3e6, 1e7, 3e7],
      registers,
    }),
    imageAspect: new client.Histogram({
      name: M.imageAspect,
      help: 'Input image width / height',
      buckets: [0.25, 0.5, 0.75, 1, 1.33, 1.78, 2, 4],
      registers,
    }),
    shadowRequests: new client.Counter({
      name: M.shadowRequests,
      help: 'Requests mirrored to a shadow version',
      labelNames: [...modelLabels, 'outcome'] as const,
      registers,
    }),
    registrySyncAnomalies: new client.Counter({
      name: M.registrySyncAnomalies,
      help: 'Registry syncs that disagreed with what is served (failed or empty listing, removed or pinned-but-missing version, label outside the pins)',
      labelNames: ['model', 'reason'] as const,
      registers,
    }),
    eventLoopDelay: new client.Summary({
      name: M.eventLoopDelay,
      help: 'How late a 10 ms timer fires on the main thread (quantiles over the last 60 s)',
      percentiles: [0.5, 0.9, 0.99, 1],
      maxAgeSeconds: 60,
      ageBuckets: 6,
      registers,
    }),
    engineRestarts: new client.Counter({
      name: M.engineRestarts,
      help: 'Inference threads replaced after a crash, an exit or a stalled model call',
      registers,
    }),
    tfTensors: new client.Gauge({
      name: M.tfTensors,
      help: 'TensorFlow.js tensors alive on the inference threads',
      registers,
      collect() {
        this.set(liveTensors());
      },
    }),
  };
}

export type ServingMetrics = ReturnType<typeof createMetrics>;
