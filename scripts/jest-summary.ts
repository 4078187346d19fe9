// Prints the one-line test summary CI reads ("tests: N passed, N failed, N skipped") from jest's
// --json output, plus the slowest suites so tier durations stay visible.
import { readFileSync } from 'node:fs';

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; startTime: number; endTime: number; status: string }[];
}

const file = process.argv[2] ?? '.data/jest-results.json';
const r = JSON.parse(readFileSync(file, 'utf8')) as JestJson;
const slowest = [...r.testResults]
  .map((t) => ({
    name: t.name.replace(process.cwd() + '/', ''),
    s: (t.endTime - t.startTime) / 1000,
  }))
  .sort((a, b) => b.s - a.s)
  .slice(0, 8);
process.stdout.write('slowest suites:\n');
for (const t of slowest) process.stdout.write(`  ${t.s.toFixed(1)}s  ${t.name}\n`);
const skipped = r.numPendingTests + r.numTodoTests;
process.stdout.write(
  `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`,
);
