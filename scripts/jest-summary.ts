// Prints the one-line test summary CI reads ("tests: N passed, N failed, N skipped") from one or
// more jest --json outputs (the main run and the reliability suite), summed, plus the slowest
// suites so tier durations stay visible.
import { readFileSync } from 'node:fs';

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; startTime: number; endTime: number; status: string }[];
}

const files = process.argv.length > 2 ? process.argv.slice(2) : ['.data/jest-results.json'];
const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as JestJson);
const sum = (k: keyof Omit<JestJson, 'testResults'>) => runs.reduce((n, r) => n + r[k], 0);
const slowest = runs
  .flatMap((r) => r.testResults)
  .map((t) => ({
    name: t.name.replace(process.cwd() + '/', ''),
    s: (t.endTime - t.startTime) / 1000,
  }))
  .sort((a, b) => b.s - a.s)
  .slice(0, 10);
process.stdout.write('slowest suites:\n');
for (const t of slowest) process.stdout.write(`  ${t.s.toFixed(1)}s  ${t.name}\n`);
const skipped = sum('numPendingTests') + sum('numTodoTests');
process.stdout.write(
  `tests: ${sum('numPassedTests')} passed, ${sum('numFailedTests')} failed, ${skipped} skipped\n`,
);
