// `npm run bench`: every benchmark of BENCHMARKS.md in one sitting, in sequence (never in
// parallel: they would measure each other). Each prints its own figures; this prints wall times.
//   serving   - latency/throughput sweep, backends, batching, Python TensorFlow baseline
//   backends  - raw inference, native vs wasm, in one process
//   iac       - cdk8s synth time for 1, 5, 20 served models
//   iac-engine - pulumi preview/up/destroy on the local cluster for 1, 5, 20 served models
//   training  - `npm run ct:demo` end to end (its log carries images/s for training and eval)
// Usage: npm run bench [-- serving iac]   (default: all)
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..');
const SUITES: Record<string, readonly string[]> = {
  serving: ['bench/serving.ts'],
  backends: ['bench/backends.ts'],
  iac: ['bench/iac-synth.ts'],
  'iac-engine': ['bench/iac-engine.ts'],
  training: ['training/src/demo/ct-demo.ts'],
};

function main(argv: string[]): number {
  const wanted = argv.length ? argv : Object.keys(SUITES);
  const unknown = wanted.filter((w) => !SUITES[w]);
  if (unknown.length) {
    process.stderr.write(
      `unknown suite(s) ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}\n`,
    );
    return 2;
  }
  const times: Record<string, number> = {};
  let failed = 0;
  for (const name of wanted) {
    process.stderr.write(`\n=== bench ${name} ===\n`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', ...SUITES[name]!], {
      cwd: REPO,
      stdio: 'inherit',
    });
    times[name] = +((performance.now() - t0) / 1000).toFixed(1);
    if (r.status !== 0) failed++;
  }
  process.stderr.write(`\nwall seconds: ${JSON.stringify(times)}\n`);
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
