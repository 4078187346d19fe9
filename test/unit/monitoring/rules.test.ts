// The generated rule file passes `promtool check rules`, and `promtool test rules` proves every
// alert fires on the series it is meant for (and not on the near misses).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  allAlerts,
  renderRuleFile,
  ruleGroups,
  runbookAnchor,
} from '../../../monitoring/rules/render';
import { describeWhen, findExecutable } from '../../helpers/requirements';
import { ALERT_CASES } from './rule-cases';

const promtool = findExecutable('promtool');

describe('alert definitions', () => {
  it('have a promtool case for every alert, and every case names a real alert', () => {
    const names = allAlerts().map((a) => a.alert);
    expect(new Set(ALERT_CASES.map((c) => c.alert))).toEqual(new Set(names));
  });

  it('are unique and carry severity, summary and a runbook link', () => {
    const alerts = allAlerts();
    expect(new Set(alerts.map((a) => a.alert)).size).toBe(alerts.length);
    expect(renderRuleFile()).toMatch(/runbook_url: .*#servingerrorbudgetburn/);
  });
});

describeWhen(promtool ? undefined : 'promtool not installed (Debian package prometheus)')(
  'promtool',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const rulesFile = join(dir, 'rules.yml');
    writeFileSync(rulesFile, renderRuleFile());

    it('checks the rule file', () => {
      const out = execFileSync(promtool!, ['check', 'rules', rulesFile], { encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS: \d+ rules found/);
    });

    it('passes the unit tests of every alert', () => {
      // Annotations are templates checked by `check rules`; the unit tests assert expressions.
      const bare = ruleGroups().map((g) => ({
        ...g,
        rules: g.rules.map((r) => ('alert' in r ? { ...r, summary: '', description: '' } : r)),
      }));
      const bareFile = join(dir, 'bare.yml');
      writeFileSync(
        bareFile,
        renderRuleFile(bare).replace(/^\s+(summary|description|runbook_url): .*\n/gm, ''),
      );
      const tests = {
        rule_files: [bareFile],
        evaluation_interval: '1m',
        tests: ALERT_CASES.map((c) => ({
          name: `${c.alert}: ${c.name}`,
          interval: '1m',
          input_series: Object.entries(c.series).map(([series, values]) => ({ series, values })),
          alert_rule_test: [
            {
              eval_time: c.evalTime,
              alertname: c.alert,
              exp_alerts: c.expect.map((l) => ({ exp_labels: l })),
            },
          ],
        })),
      };
      const testFile = join(dir, 'tests.yml');
      writeFileSync(testFile, stringify(tests));
      const out = execFileSync(promtool!, ['test', 'rules', testFile], { encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS/);
    });
  },
);

describe('runbooks', () => {
  it('document every alert under a heading its runbook_url anchor points to', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/runbooks.md'), 'utf8');
    const anchors = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => runbookAnchor(m[1]!));
    expect(anchors.sort()).toEqual(
      allAlerts()
        .map((a) => runbookAnchor(a.alert))
        .sort(),
    );
  });
});
