// Model-quality alerts: prediction drift and input drift from the serving service's drift scores,
// training failures and staleness. Drift and staleness carry the retrain label, so Alertmanager
// sends them to the training trigger webhook (one incident → one run, see alertmanager.ts).
import {
  INPUT_DRIFT_SIGNALS,
  PREDICTION_DRIFT_SIGNALS,
  SERVING_METRICS as M,
  TRAINING_METRICS as T,
  type DriftSignal,
} from '../../core/monitoring/metric-names';
import { RETRAIN_LABEL, SCRAPE_JOBS, type MonitoringSettings } from '../settings';
import type { AlertRule, RuleGroup } from './types';

const retrain = { [RETRAIN_LABEL.name]: RETRAIN_LABEL.value };

function driftAlert(
  s: MonitoringSettings,
  alert: string,
  signals: readonly DriftSignal[],
  kind: string,
): AlertRule {
  const selector = `job="${SCRAPE_JOBS.serving}",signal=~"${signals.join('|')}"`;
  const trusted = `${M.driftWindowSamples}{job="${SCRAPE_JOBS.serving}"} >= ${s.driftMinSamples}`;
  return {
    alert,
    expr: `max by (model, version) (${M.driftScore}{${selector}}) > ${s.driftThreshold} and on (model, version) max by (model, version) (${trusted})`,
    for: s.driftFor,
    severity: 'ticket',
    component: 'model',
    labels: retrain,
    summary: `${kind} drift on {{ $labels.model }} v{{ $labels.version }}`,
    description: `Live traffic's ${kind.toLowerCase()} distribution differs from the version's evaluation baseline (drift score {{ $value | humanize }} > ${s.driftThreshold}).`,
  };
}

export function modelQualityGroup(s: MonitoringSettings): RuleGroup {
  const staleSeconds = s.stalenessDays * 86400;
  return {
    name: 'mlops-model-quality',
    rules: [
      driftAlert(s, 'ModelPredictionDrift', PREDICTION_DRIFT_SIGNALS, 'Prediction'),
      driftAlert(s, 'ModelInputDrift', INPUT_DRIFT_SIGNALS, 'Input'),
      {
        alert: 'TrainingRunFailed',
        expr: `sum by (model) (increase(${T.runs}{status="failed"}[1h])) > 0`,
        for: '0m',
        severity: 'ticket',
        component: 'training',
        summary: 'A training run of {{ $labels.model }} failed',
        description:
          '{{ $value | humanize }} training run(s) of {{ $labels.model }} failed in the last hour.',
      },
      {
        alert: 'ModelStale',
        expr: `time() - max by (model) (${T.lastSuccess}) > ${staleSeconds}`,
        for: '1h',
        severity: 'ticket',
        component: 'training',
        labels: retrain,
        summary: '{{ $labels.model }} has not been retrained for ' + s.stalenessDays + ' days',
        description:
          'The last successful training run of {{ $labels.model }} finished {{ $value | humanizeDuration }} ago.',
      },
      {
        alert: 'ModelPromotionStale',
        expr: `time() - max by (model) (${T.lastPromotion}) > ${2 * staleSeconds}`,
        for: '1h',
        severity: 'info',
        component: 'training',
        summary:
          'No new version of {{ $labels.model }} has been promoted for ' +
          2 * s.stalenessDays +
          ' days',
        description:
          'Candidates keep failing the gate or nobody approves promotions; check the gate reports.',
      },
    ],
  };
}
