// Property-based fuzzing of the whole serving API from its own OpenAPI document (schemathesis,
// from PyPI via scripts/setup-python-fuzz.sh): generated requests for every operation, with the
// admin token so admin routes are reached too; the check is that no response is a 5xx.
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import { promisify } from 'node:util';
import { startServing } from '../../bench/lib/serving-process';
import { pythonTool } from '../helpers/python-tools';
import { describeWhen } from '../helpers/requirements';
import { report } from './report';

const ADMIN = 'fuzz-admin-token-0123456789abcdef';

const tool = pythonTool('setup-python-fuzz.sh');

describeWhen(tool.missing)('OpenAPI-driven fuzzing', () => {
  it('finds no server error in any operation', async () => {
    const server = await startServing({ MLOPS_ADMIN_TOKEN: ADMIN });
    try {
      const args = [
        'run',
        `${server.url}/openapi.json`,
        '--checks',
        'not_a_server_error',
        '--max-examples',
        process.env.MLOPS_FUZZ_EXAMPLES ?? '40',
        '--seed',
        '20261122',
        '--header',
        `Authorization: Bearer ${ADMIN}`,
        '--request-timeout',
        '30',
        '--no-color',
      ];
      const result = await promisify(execFile)(tool.path!, args, {
        maxBuffer: 32 * 1024 * 1024,
        cwd: os.tmpdir(), // its example database (.schemathesis/) stays out of the repo
        env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' },
      }).catch((err: { stdout?: string; stderr?: string; code?: number }) => err);
      const out = `${result.stdout ?? ''}${result.stderr ?? ''}`;
      const summary = out
        .split('\n')
        .filter((l) => /Selected:|Tested:|generated|Server error/.test(l));
      report('openapi-fuzz', {
        summary: summary.map((l) => l.trim()),
        exitCode: 'code' in result ? result.code : 0,
      });
      expect(server.child.exitCode).toBeNull();
      expect({ exitCode: 'code' in result ? result.code : 0, tail: out.slice(-3000) }).toEqual({
        exitCode: 0,
        tail: expect.any(String),
      });
    } finally {
      await server.stop();
    }
  }, 900_000);
});
