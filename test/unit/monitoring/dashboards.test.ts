// Dashboards are structurally valid Grafana JSON, every query parses as PromQL (promtool), and
// every metric a panel queries is one the services export or a recording rule defines.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SERVING_METRICS, TRAINING_METRICS } from '../../../core/monitoring/metric-names';
import { dashboards } from '../../../monitoring/dashboards';
import { ruleGroups } from '../../../monitoring/rules/render';
import { describeWhen, findExecutable } from '../../helpers/requirements';

interface PanelJson {
  id: number;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets: { refId: string; expr: string }[];
}
const panels = Object.values(dashboards()).flatMap((d) => d.panels as unknown as PanelJson[]);
const exprs = panels.flatMap((p) => p.targets.map((t) => t.expr));

const known = new Set<string>([
  ...Object.values(SERVING_METRICS),
  ...Object.values(TRAINING_METRICS),
  ...ruleGroups().flatMap((g) => g.rules.flatMap((r) => ('record' in r ? [r.record] : []))),
  'mlops_serving_process_resident_memory_bytes',
]);

describe('Grafana dashboards', () => {
  it('have unique uids, unique panel ids and panels inside the 24-column grid', () => {
    const all = Object.values(dashboards());
    expect(new Set(all.map((d) => d.uid)).size).toBe(all.length);
    for (const d of all) {
      const ps = d.panels as unknown as PanelJson[];
      expect(new Set(ps.map((p) => p.id)).size).toBe(ps.length);
      for (const p of ps) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      expect(ps.every((p) => p.targets.length > 0)).toBe(true);
    }
  });

  it('query only metrics the services export or the rules record', () => {
    const used = exprs.flatMap((e) => e.match(/mlops[_:][a-zA-Z0-9_:]*/g) ?? []);
    const unknown = used
      .map((m) => m.replace(/_(bucket|sum|count)$/, ''))
      .filter((m) => !known.has(m));
    expect(unknown).toEqual([]);
    expect(used.length).toBeGreaterThan(20);
  });
});

const promtool = findExecutable('promtool');
describeWhen(promtool ? undefined : 'promtool not installed (Debian package prometheus)')(
  'dashboard queries',
  () => {
    it('all parse as PromQL', () => {
      const rules = exprs.map((expr, i) => ({ record: `dashboard_query_${i}`, expr }));
      const file = join(mkdtempSync(join(tmpdir(), 'dash-')), 'queries.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'dashboards', rules }] }));
      expect(execFileSync(promtool!, ['check', 'rules', file], { encoding: 'utf8' })).toMatch(
        new RegExp(`SUCCESS: ${rules.length} rules found`),
      );
    });
  },
);
