// Alertmanager configuration: every alert goes to the team's receiver; alerts carrying the retrain
// label also go to the training trigger webhook, grouped per model with a long repeat interval so
// one incident starts one training run (the trigger also holds a per-model lock).
import { stringify } from 'yaml';
import { RETRAIN_LABEL } from './settings';

export interface AlertmanagerProps {
  /** URL of the training trigger's Alertmanager endpoint (TRAINING_TRIGGER_PATHS.alertmanager). */
  readonly triggerUrl: string;
  /** File holding the bearer token the trigger expects (mounted from a Secret). */
  readonly triggerTokenFile: string;
  /** Where people get notified; undefined = alerts are only visible in Alertmanager's UI. */
  readonly teamWebhookUrl?: string;
  /** How often an unresolved retrain incident may start another run. @default '24h' */
  readonly retrainRepeatInterval?: string;
  /** Wait before the first notification of a new retrain group. @default '1m' */
  readonly retrainGroupWait?: string;
}

export function alertmanagerConfig(props: AlertmanagerProps): Record<string, unknown> {
  const team = props.teamWebhookUrl
    ? { name: 'team', webhook_configs: [{ url: props.teamWebhookUrl, send_resolved: true }] }
    : { name: 'team' };
  return {
    route: {
      receiver: 'team',
      group_by: ['alertname', 'model'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        {
          receiver: 'ct-trigger',
          matchers: [`${RETRAIN_LABEL.name}="${RETRAIN_LABEL.value}"`],
          group_by: ['model'],
          group_wait: props.retrainGroupWait ?? '1m',
          group_interval: '1h',
          repeat_interval: props.retrainRepeatInterval ?? '24h',
          continue: true,
        },
        // After the trigger route continues, this catch-all keeps the team informed too.
        { receiver: 'team' },
      ],
    },
    receivers: [
      team,
      {
        name: 'ct-trigger',
        webhook_configs: [
          {
            url: props.triggerUrl,
            send_resolved: false,
            http_config: {
              authorization: { type: 'Bearer', credentials_file: props.triggerTokenFile },
            },
          },
        ],
      },
    ],
    inhibit_rules: [
      // A replica that cannot be scraped explains its silence and its SLO burn.
      {
        source_matchers: ['alertname="ServingDown"'],
        target_matchers: ['alertname=~"ServingNoTraffic|ServingLatencyBudget.*"'],
        equal: ['instance'],
      },
      {
        source_matchers: ['severity="page"'],
        target_matchers: ['severity="ticket"'],
        equal: ['alertname', 'model'],
      },
    ],
  };
}

export function renderAlertmanagerConfig(props: AlertmanagerProps): string {
  return stringify(alertmanagerConfig(props), { lineWidth: 0 });
}
