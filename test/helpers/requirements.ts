import * as fs from 'node:fs';
import * as path from 'node:path';

// Tiered tests declare what they need; when it is missing they skip with a one-line reason,

// except under REQUIRE_E2E=1 (CI), where a missing requirement fails the suite instead.

/** Returns `describe` when `missing` is undefined, else a skipping describe (or a failing one in CI). */
export function describeWhen(missing: string | undefined): jest.Describe {
  if (missing === undefined) return describe;
  if (process.env.REQUIRE_E2E === '1') {
    const failing = ((name: string) =>
      describe(name, () => {
        it('has its requirements (REQUIRE_E2E=1)', () => {
          throw new Error(`required but missing: ${missing}`);
        });
      })) as unknown as jest.Describe;
    return failing;
  }
  process.stdout.write(`skipping: ${missing}\n`);
  return describe.skip;
}

/** Finds an executable on PATH (including the project's .tools/bin); undefined when absent. */
export function findExecutable(name: string): string | undefined {
  const dirs = [
    path.resolve(__dirname, '../../.tools/bin'),
    ...(process.env.PATH ?? '').split(':'),
  ];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
