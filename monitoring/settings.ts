// Thresholds of the monitoring rules, with defaults. Stacks override them per environment
// (infra/config.ts parses them); rules and Alertmanager routing are pure functions of these.

export interface MonitoringSettings {
  /** Requests slower than this count against the latency SLO. @default 0.5 */
  readonly latencyThresholdSeconds: number;
  /** Share of requests that must be faster than the threshold. @default 0.99 */
  readonly latencyObjective: number;
  /** Share of requests that must not fail with 5xx. @default 0.995 */
  readonly availabilityObjective: number;
  /** Drift score (population stability index) above which traffic has drifted. @default 0.25 */
  readonly driftThreshold: number;
  /** How long drift must persist before alerting. @default '15m' */
  readonly driftFor: string;
  /** Minimum observations in the drift window before a score is trusted. @default 200 */
  readonly driftMinSamples: number;
  /** A model not retrained (or promoted) for this many days is stale. @default 14 */
  readonly stalenessDays: number;
  /** Queue depth that means the service is saturated. @default 32 */
  readonly queueDepthSaturated: number;
  /** No inference traffic for this long is suspicious. @default '30m' */
  readonly noTrafficFor: string;
}

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = Object.freeze({
  latencyThresholdSeconds: 0.5,
  latencyObjective: 0.99,
  availabilityObjective: 0.995,
  driftThreshold: 0.25,
  driftFor: '15m',
  driftMinSamples: 200,
  stalenessDays: 14,
  queueDepthSaturated: 32,
  noTrafficFor: '30m',
});

/** Prometheus job names the scrape config uses and the rules select on. */
export const SCRAPE_JOBS = {
  serving: 'mlops-serving',
  training: 'mlops-training',
  pushgateway: 'mlops-pushgateway',
} as const;

/** Label put on alerts that should start a training run (Alertmanager routes on it). */
export const RETRAIN_LABEL = { name: 'action', value: 'retrain' } as const;
