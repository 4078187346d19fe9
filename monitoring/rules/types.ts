// Typed Prometheus rule definitions; render.ts turns them into a rule file.

export type Severity = 'page' | 'ticket' | 'info';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: Severity;
  readonly component: 'serving' | 'model' | 'training';
  readonly summary: string;
  readonly description: string;
  /** Extra labels, e.g. the retrain label that routes an alert to the training webhook. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly (AlertRule | RecordingRule)[];
}

export function isAlert(rule: AlertRule | RecordingRule): rule is AlertRule {
  return 'alert' in rule;
}
