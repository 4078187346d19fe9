// Every workflow under .github/workflows passes actionlint (the toolchain's native build, which
// knows current workflow syntax); a broken workflow is caught.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintWorkflows, nativeActionlint } from '../../scripts/lint-workflows';
import { describeWhen } from '../helpers/requirements';

describeWhen(nativeActionlint() ? undefined : 'actionlint not built (npm run toolchain)')(
  'GitHub workflows',
  () => {
    it('are actionlint-clean', async () => {
      expect(await lintWorkflows()).toEqual([]);
    });

    it('reports a workflow with an unknown key and a bad expression', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'workflows-'));
      writeFileSync(
        join(dir, 'bad.yml'),
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n    steps:\n      - run: echo ${{ github.nope( }}\n',
      );
      const findings = await lintWorkflows(dir);
      expect(findings.length).toBeGreaterThanOrEqual(2);
      expect(findings.join('\n')).toMatch(/stepz/);
    });
  },
);
