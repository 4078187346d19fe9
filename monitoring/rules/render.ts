// Renders the typed rule groups into a Prometheus rule file (the YAML promtool and Prometheus
// read), adding severity/component labels and runbook links to every alert.
import { stringify } from 'yaml';
import { DEFAULT_MONITORING_SETTINGS, type MonitoringSettings } from '../settings';
import { modelQualityGroup } from './model-quality';
import { servingHealthGroup } from './serving-health';
import { servingSloGroup } from './serving-slo';
import { isAlert, type AlertRule, type RuleGroup } from './types';

export const RUNBOOK_BASE = 'https://github.com/mlops-stack/mlops-stack/blob/main/docs/runbooks.md';

export function ruleGroups(
  settings: MonitoringSettings = DEFAULT_MONITORING_SETTINGS,
): RuleGroup[] {
  return [servingSloGroup(settings), servingHealthGroup(settings), modelQualityGroup(settings)];
}

export function allAlerts(groups: readonly RuleGroup[] = ruleGroups()): AlertRule[] {
  return groups.flatMap((g) => g.rules.filter(isAlert));
}

export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

export function renderRuleFile(groups: readonly RuleGroup[] = ruleGroups()): string {
  const doc = {
    groups: groups.map((g) => ({
      name: g.name,
      ...(g.interval ? { interval: g.interval } : {}),
      rules: g.rules.map((r) =>
        isAlert(r)
          ? {
              alert: r.alert,
              expr: r.expr,
              for: r.for,
              labels: { severity: r.severity, component: r.component, ...(r.labels ?? {}) },
              annotations: {
                summary: r.summary,
                description: r.description,
                runbook_url: `${RUNBOOK_BASE}#${runbookAnchor(r.alert)}`,
              },
            }
          : { record: r.record, expr: r.expr },
      ),
    })),
  };
  return stringify(doc, { lineWidth: 0 });
}
