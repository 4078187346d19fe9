// The serving replica's memory settings are applied everywhere it is started: the image, npm
// start and the benchmark/reliability launcher (which imports them) must agree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVING_NODE_FLAGS, SERVING_RUNTIME_ENV } from '../../../serving/src/runtime-settings';

const REPO = path.resolve(__dirname, '..', '..', '..');
const read = (f: string) => fs.readFileSync(path.join(REPO, f), 'utf8');

describe('serving runtime settings', () => {
  it('are set by the Dockerfile', () => {
    const dockerfile = read('serving/Dockerfile');
    for (const [k, v] of Object.entries(SERVING_RUNTIME_ENV)) {
      expect(dockerfile).toMatch(new RegExp(`\\b${k}=${v}\\b`));
    }
    const entry = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
    const argv = JSON.parse(entry ?? '[]') as string[];
    expect(argv.slice(1, 1 + SERVING_NODE_FLAGS.length)).toEqual([...SERVING_NODE_FLAGS]);
  });

  it('are set by npm start', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
      .start!;
    for (const [k, v] of Object.entries(SERVING_RUNTIME_ENV)) expect(start).toContain(`${k}=${v}`);
    for (const flag of SERVING_NODE_FLAGS) expect(start).toContain(`tsx ${flag}`);
  });
});
