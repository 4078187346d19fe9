// Serving health alerts that are not SLO burn: saturation, load shedding, model load failures,
// a missing scrape target and silence (no inference traffic at all).
import { SERVING_METRICS as M } from '../../core/monitoring/metric-names';
import { SCRAPE_JOBS, type MonitoringSettings } from '../settings';
import type { RuleGroup } from './types';

const JOB = `job="${SCRAPE_JOBS.serving}"`;

export function servingHealthGroup(s: MonitoringSettings): RuleGroup {
  return {
    name: 'mlops-serving-health',
    rules: [
      {
        alert: 'ServingDown',
        expr: `up{${JOB}} == 0`,
        for: '5m',
        severity: 'page',
        component: 'serving',
        summary: 'A serving replica cannot be scraped',
        description: 'Prometheus has failed to scrape {{ $labels.instance }} for 5 minutes.',
      },
      {
        alert: 'ServingSaturated',
        expr: `max by (instance) (avg_over_time(${M.queueDepth}{${JOB}}[5m])) > ${s.queueDepthSaturated}`,
        for: '10m',
        severity: 'ticket',
        component: 'serving',
        summary: 'Serving queue is persistently deep',
        description:
          'The inference queue of {{ $labels.instance }} averaged {{ $value }} jobs over 5 minutes.',
      },
      {
        alert: 'ServingShedsRequests',
        expr: `sum by (instance) (rate(${M.shedRequests}{${JOB}}[5m])) > 0`,
        for: '10m',
        severity: 'page',
        component: 'serving',
        summary: 'Serving is rejecting requests with 503 (load shedding)',
        description: '{{ $labels.instance }} sheds {{ $value | humanize }} requests per second.',
      },
      {
        alert: 'ModelLoadFailed',
        expr: `sum by (model, version) (increase(${M.modelLoadFailures}{${JOB}}[15m])) > 0`,
        for: '0m',
        severity: 'ticket',
        component: 'model',
        summary: 'A model version failed to load',
        description:
          'Model {{ $labels.model }} version {{ $labels.version }} failed to load in the last 15 minutes.',
      },
      {
        alert: 'ModelRegistrySyncAnomaly',
        expr: `sum by (model, reason) (increase(${M.registrySyncAnomalies}{${JOB}}[15m])) > 0`,
        for: '0m',
        severity: 'ticket',
        component: 'model',
        summary: 'The model registry disagrees with what serving replicas serve',
        description:
          'Model {{ $labels.model }}: {{ $labels.reason }} in the last 15 minutes (replicas kept serving what they had).',
      },
      {
        alert: 'InferenceThreadRestarted',
        expr: `sum by (instance) (increase(${M.engineRestarts}{${JOB}}[15m])) > 0`,
        for: '0m',
        severity: 'ticket',
        component: 'serving',
        summary: 'An inference thread crashed or stalled and was replaced',
        description:
          '{{ $labels.instance }} replaced {{ $value }} inference thread(s) in 15 minutes; their in-flight requests got 503.',
      },
      {
        alert: 'ServingNoTraffic',
        expr: `sum by (model) (rate(${M.httpRequests}{${JOB},model!=""}[${s.noTrafficFor}])) == 0`,
        for: s.noTrafficFor,
        severity: 'info',
        component: 'serving',
        summary: 'A served model receives no traffic',
        description:
          'Model {{ $labels.model }} has answered no requests for ' + s.noTrafficFor + '.',
      },
    ],
  };
}
