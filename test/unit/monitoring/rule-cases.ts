// promtool unit-test cases, one or more per alert: a series that must fire it (with the labels
// it must carry) and, where a threshold matters, a near miss that must not.
import { SERVING_METRICS as M, TRAINING_METRICS as T } from '../../../core/monitoring/metric-names';

export interface AlertCase {
  readonly alert: string;
  readonly name: string;
  readonly series: Readonly<Record<string, string>>;
  readonly evalTime: string;
  /** Expected alerts' labels (besides alertname); empty = must not fire. */
  readonly expect: readonly Readonly<Record<string, string>>[];
}

const api = 'job="mlops-serving",route="/v1/detect",method="POST"';
const ok = (perMin: number, minutes: number) => `0+${perMin}x${minutes}`;
const page = { severity: 'page', component: 'serving' };
const ticket = { severity: 'ticket', component: 'serving' };

function errorSeries(okPerMin: number, errPerMin: number, minutes: number) {
  return {
    [`${M.httpRequests}{${api},status="200",model="m",version="1"}`]: ok(okPerMin, minutes),
    [`${M.httpRequests}{${api},status="500",model="m",version="1"}`]: ok(errPerMin, minutes),
  };
}
function latencySeries(fastPerMin: number, totalPerMin: number, minutes: number) {
  return {
    [`${M.httpDuration}_bucket{${api},status="200",model="m",version="1",le="0.5"}`]: ok(
      fastPerMin,
      minutes,
    ),
    [`${M.httpDuration}_count{${api},status="200",model="m",version="1"}`]: ok(
      totalPerMin,
      minutes,
    ),
  };
}
const drift = (signal: string, score: number, samples: number) => ({
  [`${M.driftScore}{job="mlops-serving",model="m",version="3",signal="${signal}"}`]: `${score}x40`,
  [`${M.driftWindowSamples}{job="mlops-serving",model="m",version="3"}`]: `${samples}x40`,
});
const retrain = {
  severity: 'ticket',
  component: 'model',
  action: 'retrain',
  model: 'm',
  version: '3',
};

export const ALERT_CASES: readonly AlertCase[] = [
  {
    alert: 'ServingErrorBudgetBurn',
    name: '9% errors pages',
    series: errorSeries(60, 6, 120),
    evalTime: '90m',
    expect: [page],
  },
  {
    alert: 'ServingErrorBudgetBurn',
    name: '0.1% errors do not',
    series: errorSeries(999, 1, 120),
    evalTime: '90m',
    expect: [],
  },
  {
    alert: 'ServingErrorBudgetSlowBurn',
    name: '2% errors over a day open a ticket',
    series: errorSeries(98, 2, 1600),
    evalTime: '1500m',
    expect: [ticket],
  },
  {
    alert: 'ServingErrorBudgetBurn',
    name: '2% errors do not page',
    series: errorSeries(98, 2, 1600),
    evalTime: '1500m',
    expect: [],
  },
  {
    alert: 'ServingLatencyBudgetBurn',
    name: '20% slow requests page',
    series: latencySeries(80, 100, 120),
    evalTime: '90m',
    expect: [page],
  },
  {
    alert: 'ServingLatencyBudgetBurn',
    name: '0.5% slow requests do not',
    series: latencySeries(995, 1000, 120),
    evalTime: '90m',
    expect: [],
  },
  {
    alert: 'ServingLatencyBudgetSlowBurn',
    name: '4% slow over a day opens a ticket',
    series: latencySeries(96, 100, 1600),
    evalTime: '1500m',
    expect: [ticket],
  },
  {
    alert: 'ServingDown',
    name: 'target down 6m',
    series: { 'up{job="mlops-serving",instance="a:8080"}': '0x10' },
    evalTime: '6m',
    expect: [{ ...page, job: 'mlops-serving', instance: 'a:8080' }],
  },
  {
    alert: 'ServingDown',
    name: 'target up',
    series: { 'up{job="mlops-serving",instance="a:8080"}': '1x10' },
    evalTime: '6m',
    expect: [],
  },
  {
    alert: 'ServingSaturated',
    name: 'queue of 40',
    series: { [`${M.queueDepth}{job="mlops-serving",instance="a:8080"}`]: '40x20' },
    evalTime: '16m',
    expect: [{ ...ticket, instance: 'a:8080' }],
  },
  {
    alert: 'ServingSaturated',
    name: 'queue of 3',
    series: { [`${M.queueDepth}{job="mlops-serving",instance="a:8080"}`]: '3x20' },
    evalTime: '16m',
    expect: [],
  },
  {
    alert: 'ServingShedsRequests',
    name: 'shedding',
    series: { [`${M.shedRequests}{job="mlops-serving",instance="a:8080"}`]: '0+5x20' },
    evalTime: '16m',
    expect: [{ ...page, instance: 'a:8080' }],
  },
  {
    alert: 'ModelLoadFailed',
    name: 'one failure',
    series: { [`${M.modelLoadFailures}{job="mlops-serving",model="m",version="2"}`]: '0 0 1 1 1' },
    evalTime: '3m',
    expect: [{ severity: 'ticket', component: 'model', model: 'm', version: '2' }],
  },
  {
    alert: 'ModelRegistrySyncAnomaly',
    name: 'a failed listing',
    series: {
      [`${M.registrySyncAnomalies}{job="mlops-serving",instance="a",model="m",reason="listing-failed"}`]:
        '0 0 1 1 1',
    },
    evalTime: '3m',
    expect: [{ severity: 'ticket', component: 'model', model: 'm', reason: 'listing-failed' }],
  },
  {
    alert: 'ModelRegistrySyncAnomaly',
    name: 'nothing new',
    series: {
      [`${M.registrySyncAnomalies}{job="mlops-serving",instance="a",model="m",reason="listing-failed"}`]:
        '2x40',
    },
    evalTime: '30m',
    expect: [],
  },
  {
    alert: 'InferenceThreadRestarted',
    name: 'one restart',
    series: { [`${M.engineRestarts}{job="mlops-serving",instance="a"}`]: '0 0 1 1 1' },
    evalTime: '3m',
    expect: [{ ...ticket, instance: 'a' }],
  },
  {
    alert: 'ServingNoTraffic',
    name: 'flat counter',
    series: { [`${M.httpRequests}{${api},status="200",model="m",version="1"}`]: '100x80' },
    evalTime: '70m',
    expect: [{ severity: 'info', component: 'serving', model: 'm' }],
  },
  {
    alert: 'ServingNoTraffic',
    name: 'traffic',
    series: { [`${M.httpRequests}{${api},status="200",model="m",version="1"}`]: '0+10x80' },
    evalTime: '70m',
    expect: [],
  },
  {
    alert: 'ModelPredictionDrift',
    name: 'class drift',
    series: drift('class_distribution', 0.4, 500),
    evalTime: '20m',
    expect: [retrain],
  },
  {
    alert: 'ModelPredictionDrift',
    name: 'too few samples',
    series: drift('class_distribution', 0.4, 50),
    evalTime: '20m',
    expect: [],
  },
  {
    alert: 'ModelPredictionDrift',
    name: 'below threshold',
    series: drift('score_distribution', 0.1, 500),
    evalTime: '20m',
    expect: [],
  },
  {
    alert: 'ModelInputDrift',
    name: 'brightness drift',
    series: drift('brightness', 0.6, 500),
    evalTime: '20m',
    expect: [retrain],
  },
  {
    alert: 'ModelInputDrift',
    name: 'prediction signal is not input drift',
    series: drift('class_distribution', 0.6, 500),
    evalTime: '20m',
    expect: [],
  },
  {
    alert: 'TrainingRunFailed',
    name: 'failed run',
    series: { [`${T.runs}{model="m",status="failed"}`]: '0 1 1 1' },
    evalTime: '2m',
    expect: [{ severity: 'ticket', component: 'training', model: 'm' }],
  },
  {
    alert: 'ModelStale',
    name: '15 days old',
    series: { [`${T.lastSuccess}{model="m"}`]: '-1300000x180' },
    evalTime: '2h',
    expect: [{ severity: 'ticket', component: 'training', action: 'retrain', model: 'm' }],
  },
  {
    alert: 'ModelStale',
    name: 'fresh',
    series: { [`${T.lastSuccess}{model="m"}`]: '0x180' },
    evalTime: '2h',
    expect: [],
  },
  {
    alert: 'ModelPromotionStale',
    name: '30 days old',
    series: { [`${T.lastPromotion}{model="m"}`]: '-2600000x180' },
    evalTime: '2h',
    expect: [{ severity: 'info', component: 'training', model: 'm' }],
  },
];
