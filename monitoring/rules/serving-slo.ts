// Multi-window, multi-burn-rate SLO alerts for the serving API (the SRE workbook's scheme): a
// fast burn pages when both a long and a short window burn the error budget quickly; a slow burn
// opens a ticket. Recording rules precompute the ratios per window.
import { SERVING_METRICS as M } from '../../core/monitoring/metric-names';
import { SCRAPE_JOBS, type MonitoringSettings } from '../settings';
import type { AlertRule, RecordingRule, RuleGroup } from './types';

const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
type Window = (typeof WINDOWS)[number];

/** Probe and scrape routes answer in microseconds and would dilute the latency SLO. */
const API = `job="${SCRAPE_JOBS.serving}",route!~"/healthz|/readyz|/metrics|/v2/health/.*"`;

const BURNS: readonly {
  long: Window;
  short: Window;
  factor: number;
  severity: 'page' | 'ticket';
}[] = [
  { long: '1h', short: '5m', factor: 14.4, severity: 'page' },
  { long: '6h', short: '30m', factor: 6, severity: 'page' },
  { long: '1d', short: '2h', factor: 3, severity: 'ticket' },
  { long: '3d', short: '6h', factor: 1, severity: 'ticket' },
];

export const errorRatioRecord = (w: Window) => `mlops:serving_errors:ratio_rate${w}`;
export const slowRatioRecord = (w: Window) => `mlops:serving_slow_requests:ratio_rate${w}`;

function recordings(s: MonitoringSettings): RecordingRule[] {
  const le = String(s.latencyThresholdSeconds);
  return WINDOWS.flatMap((w) => [
    {
      record: errorRatioRecord(w),
      expr: `sum(rate(${M.httpRequests}{${API},status=~"5.."}[${w}])) / sum(rate(${M.httpRequests}{${API}}[${w}]))`,
    },
    {
      record: slowRatioRecord(w),
      expr: `1 - sum(rate(${M.httpDuration}_bucket{${API},le="${le}"}[${w}])) / sum(rate(${M.httpDuration}_count{${API}}[${w}]))`,
    },
  ]);
}

function burnAlert(
  name: string,
  record: (w: Window) => string,
  budget: number,
  severity: 'page' | 'ticket',
  what: string,
): AlertRule {
  const burns = BURNS.filter((b) => b.severity === severity);
  const expr = burns
    .map((b) => {
      const limit = +(b.factor * budget).toPrecision(6);
      return `(${record(b.long)} > ${limit} and ${record(b.short)} > ${limit})`;
    })
    .join(' or ');
  return {
    alert: name,
    expr,
    for: severity === 'page' ? '2m' : '15m',
    severity,
    component: 'serving',
    summary: `Serving is burning its ${what} error budget too fast`,
    description: `The ${what} SLO's error budget is being consumed ${severity === 'page' ? 'fast enough to exhaust it within days' : 'faster than it is replenished'} ({{ $value | humanizePercentage }} of requests over budget in the long window).`,
  };
}

export function servingSloGroup(s: MonitoringSettings): RuleGroup {
  const errorBudget = 1 - s.availabilityObjective;
  const latencyBudget = 1 - s.latencyObjective;
  return {
    name: 'mlops-serving-slo',
    rules: [
      ...recordings(s),
      burnAlert('ServingErrorBudgetBurn', errorRatioRecord, errorBudget, 'page', 'availability'),
      burnAlert(
        'ServingErrorBudgetSlowBurn',
        errorRatioRecord,
        errorBudget,
        'ticket',
        'availability',
      ),
      burnAlert('ServingLatencyBudgetBurn', slowRatioRecord, latencyBudget, 'page', 'latency'),
      burnAlert(
        'ServingLatencyBudgetSlowBurn',
        slowRatioRecord,
        latencyBudget,
        'ticket',
        'latency',
      ),
    ],
  };
}
