// The models dashboard: versions live, canary/shadow comparison, detections, scores and drift.
import { SERVING_METRICS as M } from '../../core/monitoring/metric-names';
import { dashboard, type Dashboard } from './panel';

export function modelsDashboard(): Dashboard {
  return dashboard('mlops-models', 'mlops-stack / Models', [
    {
      title: 'Loaded versions',
      kind: 'stat',
      targets: [
        { expr: `sum by (model, version) (${M.modelInfo})`, legend: '{{model}} v{{version}}' },
      ],
    },
    {
      title: 'Traffic share by version (canary split)',
      unit: 'percentunit',
      targets: [
        {
          expr: `sum by (model, version) (rate(${M.httpRequests}{model!=""}[5m])) / ignoring(version) group_left sum by (model) (rate(${M.httpRequests}{model!=""}[5m]))`,
          legend: '{{model}} v{{version}}',
        },
      ],
    },
    {
      title: 'Shadow requests by outcome',
      targets: [
        {
          expr: `sum by (model, version, outcome) (rate(${M.shadowRequests}[5m]))`,
          legend: '{{model}} v{{version}} {{outcome}}',
        },
      ],
    },
    {
      title: 'Detections per second by class (top 10)',
      targets: [
        { expr: `topk(10, sum by (class) (rate(${M.detections}[5m])))`, legend: '{{class}}' },
      ],
    },
    {
      title: 'Median detection score by version',
      targets: [
        {
          expr: `histogram_quantile(0.5, sum by (le, model, version) (rate(${M.scores}_bucket[15m])))`,
          legend: '{{model}} v{{version}}',
        },
      ],
    },
    {
      title: 'Drift score by signal',
      targets: [
        {
          expr: `max by (model, version, signal) (${M.driftScore})`,
          legend: '{{model}} v{{version}} {{signal}}',
        },
      ],
    },
    {
      title: 'Model load time (p95)',
      unit: 's',
      targets: [
        {
          expr: `histogram_quantile(0.95, sum by (le, model) (rate(${M.modelLoadDuration}_bucket[1h])))`,
          legend: '{{model}}',
        },
      ],
    },
    {
      title: 'Model load failures',
      targets: [
        {
          expr: `sum by (model, version) (increase(${M.modelLoadFailures}[1h]))`,
          legend: '{{model}} v{{version}}',
        },
      ],
    },
  ]);
}
