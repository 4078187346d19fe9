// The serving dashboard: traffic, latency percentiles, errors, batching and saturation.
import { SERVING_METRICS as M } from '../../core/monitoring/metric-names';
import { errorRatioRecord } from '../rules/serving-slo';
import { dashboard, type Dashboard } from './panel';

const q = (p: number) =>
  `histogram_quantile(${p}, sum by (le) (rate(${M.httpDuration}_bucket{route="/v1/detect"}[5m])))`;

export function servingDashboard(): Dashboard {
  return dashboard('mlops-serving', 'mlops-stack / Serving', [
    {
      title: 'Requests per second by status',
      unit: 'reqps',
      targets: [{ expr: `sum by (status) (rate(${M.httpRequests}[5m]))`, legend: '{{status}}' }],
    },
    {
      title: 'Detect latency',
      unit: 's',
      targets: [
        { expr: q(0.5), legend: 'p50' },
        { expr: q(0.95), legend: 'p95' },
        { expr: q(0.99), legend: 'p99' },
      ],
    },
    {
      title: 'Error ratio (5xx)',
      unit: 'percentunit',
      targets: [
        { expr: errorRatioRecord('5m'), legend: '5m' },
        { expr: errorRatioRecord('1h'), legend: '1h' },
      ],
    },
    {
      title: 'Inference time per batch (p95)',
      unit: 's',
      targets: [
        {
          expr: `histogram_quantile(0.95, sum by (le, model) (rate(${M.inferenceDuration}_bucket[5m])))`,
          legend: '{{model}}',
        },
      ],
    },
    {
      title: 'Mean batch size',
      targets: [
        {
          expr: `sum(rate(${M.batchSize}_sum[5m])) / sum(rate(${M.batchSize}_count[5m]))`,
          legend: 'images per batch',
        },
      ],
    },
    {
      title: 'Queue depth and shed requests',
      targets: [
        { expr: `sum(${M.queueDepth})`, legend: 'queued' },
        { expr: `sum(rate(${M.shedRequests}[5m]))`, legend: 'shed/s' },
      ],
    },
    {
      title: 'Resident memory per replica',
      unit: 'bytes',
      targets: [{ expr: 'mlops_serving_process_resident_memory_bytes', legend: '{{instance}}' }],
    },
    {
      title: 'Input image size (p50 pixels)',
      targets: [
        {
          expr: `histogram_quantile(0.5, sum by (le) (rate(${M.imagePixels}_bucket[5m])))`,
          legend: 'pixels',
        },
      ],
    },
  ]);
}
