// The Alertmanager config is accepted by amtool, and routing sends retrain alerts (and only those)
// to the training trigger, grouped per model.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAlertmanagerConfig } from '../../../monitoring/alertmanager';
import { describeWhen, findExecutable } from '../../helpers/requirements';

const amtool = findExecutable('amtool');
const props = {
  triggerUrl: 'http://training-trigger.mlops.svc:8090/v1/triggers/alertmanager',
  triggerTokenFile: '/etc/alertmanager/secrets/trigger-token',
};

describeWhen(amtool ? undefined : 'amtool not installed (Debian package prometheus-alertmanager)')(
  'alertmanager config',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-'));
    const file = join(dir, 'alertmanager.yml');
    writeFileSync(file, renderAlertmanagerConfig(props));
    const route = (labels: string) =>
      execFileSync(
        amtool!,
        [
          'config',
          'routes',
          'test',
          '--config.file',
          file,
          '--verify.receivers',
          '',
          ...labels.split(' '),
        ],
        {
          encoding: 'utf8',
        },
      ).trim();

    it('passes amtool check-config', () => {
      expect(execFileSync(amtool!, ['check-config', file], { encoding: 'utf8' })).toMatch(
        /SUCCESS/,
      );
    });

    it('routes drift alerts to the team and the training trigger', () => {
      expect(route('alertname=ModelPredictionDrift action=retrain model=m')).toBe(
        'ct-trigger,team',
      );
    });

    it('keeps the trigger out of ordinary alerts', () => {
      expect(route('alertname=ServingDown severity=page')).toBe('team');
    });
  },
);
