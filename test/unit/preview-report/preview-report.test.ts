// The PR comment: counts per type and operation (replacements counted once), policy results,
// model deltas, manifest diffs, and the 65,536-character limit with a note on what was cut.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { previewReport } from '../../../cli/commands/preview-report';
import { CliError } from '../../../cli/errors';
import { manyCreates, previewJson } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'preview-report-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}
const opts = (stack: string[], extra: object = {}) => ({ stack, limit: '65536', ...extra });

describe('mlops preview-report', () => {
  it('tabulates create, update, replace and delete per resource type', () => {
    const { markdown, cut } = previewReport(opts([`staging=${file('a.json', previewJson())}`]));
    expect(cut).toEqual([]);
    expect(markdown).toContain('<!-- mlops-stack:preview-report -->');
    expect(markdown).toContain('| `kubernetes:batch/v1:Job` |  |  | 1 |  |');
    expect(markdown).toContain('| `kubernetes:apps/v1:Deployment` |  | 1 |  |  |');
    expect(markdown).toContain('| **total** | **1** | **1** | **1** | **1** |');
    expect(markdown).toContain('Policies: ✅ no violations');
    expect(markdown).toMatch(/± kubernetes:batch\/v1:Job ingest \(spec.template\)/);
  });

  it('reports policy violations and failed previews', () => {
    const preview = previewJson({
      diagnostics: [
        {
          severity: 'error',
          message: '[mandatory] mlops-stack v0.1.0 no-latest-tag (serving: image uses :latest)',
          urn: 'urn:pulumi:s::p::kubernetes:apps/v1:Deployment::serving',
        },
      ],
    });
    const { markdown } = previewReport(opts([`prod=${file('p.json', preview)}`]));
    expect(markdown).toContain('**mandatory** mlops-stack v0.1.0 no-latest-tag');
    expect(markdown).toContain('**Preview failed:**');
  });

  it('shows model metric deltas, per-class regressions and lineage', () => {
    const base = file(
      'base.json',
      JSON.stringify({
        name: 'det',
        version: 3,
        metrics: { AP: 0.4, AP50: 0.6 },
        perClassAP: { cat: 0.5, dog: 0.4 },
      }),
    );
    const head = file(
      'head.json',
      JSON.stringify({
        name: 'det',
        version: 4,
        metrics: { AP: 0.45, AP50: 0.58 },
        perClassAP: { cat: 0.6, dog: 0.3 },
        runId: 'run-42',
        dataset: { name: 'pets', version: 7, fingerprint: 'abcdef0123456789' },
      }),
    );
    const { markdown } = previewReport(
      opts([`staging=${file('s.json', previewJson())}`], { modelBase: base, modelHead: head }),
    );
    expect(markdown).toContain('Version **3 → 4**');
    expect(markdown).toContain('| AP | 0.400 | 0.450 | +0.050 ▲ |');
    expect(markdown).toContain('| AP50 | 0.600 | 0.580 | -0.020 ▼ |');
    expect(markdown).toContain('`dog` -0.100 ▼');
    expect(markdown).not.toContain('`cat`');
    expect(markdown).toContain('dataset `pets` v7 (`abcdef012345`)');
  });

  it('diffs manifests per object, ignoring document order', () => {
    const cm = (name: string, v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: "${v}"\n`;
    file('base/all.yaml', [cm('a', '1'), cm('b', '1'), cm('gone', '1')].join('---\n'));
    file('head/all.yaml', [cm('b', '1'), cm('a', '2'), cm('new', '1')].join('---\n'));
    const { markdown } = previewReport(
      opts([`staging=${file('m.json', previewJson())}`], {
        baseManifests: join(dir, 'base'),
        headManifests: join(dir, 'head'),
      }),
    );
    expect(markdown).toContain('changed: ConfigMap a (v1)');
    expect(markdown).toContain('added: ConfigMap new (v1)');
    expect(markdown).toContain('removed: ConfigMap gone (v1)');
    expect(markdown).not.toContain('ConfigMap b (v1)');
    expect(markdown).toMatch(/-\s+k: "1"\n\+\s+k: "2"/);
  });

  it('stays under the limit by cutting manifest diffs first and says so', () => {
    const big = Array.from({ length: 400 }, (_, i) => `  key${i}: "${'v'.repeat(60)}"`).join('\n');
    for (let i = 0; i < 12; i++) {
      file(
        `bb/cm${i}.yaml`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\ndata:\n${big}\n`,
      );
      file(
        `hb/cm${i}.yaml`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\ndata:\n${big.replace(/(key\d*0: ")v{60}/g, `$1${'w'.repeat(60)}`)}\n`,
      );
    }
    const preview = file('big.json', previewJson({ steps: manyCreates(3000) }));
    const { markdown, cut } = previewReport(
      opts([`staging=${preview}`, `prod=${preview}`], {
        baseManifests: join(dir, 'bb'),
        headManifests: join(dir, 'hb'),
      }),
    );
    expect(markdown.length).toBeLessThanOrEqual(65_536);
    expect(cut.join(';')).toMatch(/manifest diffs truncated/);
    expect(markdown).toContain("Shortened to fit GitHub's comment limit");
    // The summaries survive every cut.
    expect(markdown).toContain('| `kubernetes:core/v1:ConfigMap` | 3001 |');
    expect(markdown.match(/### Stack/g)).toHaveLength(2);
  });

  it('rejects bad input with errors naming the argument or file', () => {
    expect(() => previewReport(opts([]))).toThrow(/--stack/);
    expect(() => previewReport(opts(['staging']))).toThrow(/<name>=<preview.json>/);
    const bad = file('bad.json', '{"steps": "nope"}');
    expect(() => previewReport(opts([`staging=${bad}`]))).toThrow(CliError);
    expect(() => previewReport(opts([`staging=${bad}`]))).toThrow(/bad\.json: steps/);
    expect(() => previewReport(opts([`staging=${file('x.txt', 'not json')}`]))).toThrow(/not JSON/);
    expect(() => previewReport(opts([`staging=${join(dir, 'missing.json')}`]))).toThrow(
      /cannot read preview/,
    );
  });
});

describe('mlops preview-report for a model promotion', () => {
  it('renders only the model section when no stack preview is given', () => {
    const head = file(
      'only-head.json',
      JSON.stringify({ name: 'det', version: 9, metrics: { AP: 0.5 } }),
    );
    const { markdown } = previewReport(opts([], { modelHead: head }));
    expect(markdown).toContain('Version **9** (no previous version to compare)');
    expect(markdown).not.toContain('### Stack');
  });
});
