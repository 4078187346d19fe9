// The training dashboard: runs by outcome, durations, throughput, metrics over versions, freshness.
import { TRAINING_METRICS as T } from '../../core/monitoring/metric-names';
import { dashboard, type Dashboard } from './panel';

export function trainingDashboard(): Dashboard {
  return dashboard('mlops-training', 'mlops-stack / Training', [
    {
      title: 'Runs by status (24h)',
      kind: 'stat',
      targets: [{ expr: `sum by (status) (increase(${T.runs}[24h]))`, legend: '{{status}}' }],
    },
    {
      title: 'Triggers by source (24h)',
      kind: 'stat',
      targets: [{ expr: `sum by (source) (increase(${T.triggers}[24h]))`, legend: '{{source}}' }],
    },
    {
      title: 'Run duration',
      unit: 's',
      targets: [{ expr: `max by (model) (${T.runDuration})`, legend: '{{model}}' }],
    },
    {
      title: 'Training throughput',
      unit: 'short',
      targets: [{ expr: `max by (model) (${T.imagesPerSecond})`, legend: '{{model}} images/s' }],
    },
    {
      title: 'Held-out AP by version',
      unit: 'percentunit',
      targets: [
        {
          expr: `max by (model, version, metric) (${T.evalAP})`,
          legend: '{{model}} v{{version}} {{metric}}',
        },
      ],
    },
    {
      title: 'Time since last successful run',
      unit: 's',
      targets: [{ expr: `time() - max by (model) (${T.lastSuccess})`, legend: '{{model}}' }],
    },
    {
      title: 'Time since last promotion',
      unit: 's',
      targets: [{ expr: `time() - max by (model) (${T.lastPromotion})`, legend: '{{model}}' }],
    },
  ]);
}
