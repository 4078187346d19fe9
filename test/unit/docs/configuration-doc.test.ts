// docs/configuration.md is generated from the config schemas; this fails when someone changed a
// schema (or Pulumi.yaml) without regenerating it.
import * as fs from 'node:fs';
import { CONFIG_DOC, renderConfigDocs } from '../../../scripts/config-docs/render';

describe('configuration reference', () => {
  it('docs/configuration.md matches the schemas', () => {
    const expected = renderConfigDocs();
    const actual = fs.existsSync(CONFIG_DOC) ? fs.readFileSync(CONFIG_DOC, 'utf8') : '';
    if (actual !== expected)
      throw new Error(
        'docs/configuration.md is stale: a config schema or Pulumi.yaml changed. ' +
          'Run `npm run docs:config` and commit the result.',
      );
  });

  it('documents every serving variable, trigger variable and stack key with its default', () => {
    const doc = renderConfigDocs();
    expect(doc).toMatch(/\| `PORT`\s+\| integer 0–65535\s+\| `8080`/);
    expect(doc).toMatch(/\| `MLOPS_TRIGGER_TOKEN`\s+\| string\s+\| required/);
    expect(doc).toContain('### `mlops-stack:preview`');
    expect(doc).not.toContain(process.cwd()); // machine paths are rendered as <repo>
  });
});
