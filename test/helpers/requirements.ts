import { locateBinary } from '../../cli/cluster/binaries';

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

/** Finds an executable in the project's .tools/bin or on PATH; undefined when absent. */
export function findExecutable(name: string): string | undefined {
  return locateBinary(name);
}
