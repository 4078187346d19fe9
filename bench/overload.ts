// Overload benchmark (`npm run bench:overload`): the service's saturation throughput, then twice
// that rate offered open-loop (bench/lib/overload.ts) with health, readiness and metrics probed.
// Without --url it starts the service at its shipped defaults; with --url it measures a server
// already running (e.g. an older checkout, for before/after in one sitting). Prints JSON and
// writes .data/bench/overload[-<label>].json, which BENCHMARKS.md quotes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePhotos, readPhoto } from '../core/sample-photos';
import { machine } from './lib/machine';
import { runOverload } from './lib/overload';
import { peakResidentMiB } from './lib/process-stats';
import { startServing } from './lib/serving-process';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      pid: { type: 'string' },
      seconds: { type: 'string', default: '60' },
      label: { type: 'string', default: '' },
    },
  });
  const photos = ensurePhotos();
  if (photos.missing) throw new Error(photos.missing);
  const server = values.url ? undefined : await startServing();
  const base = values.url ?? server!.url;
  const pid = server?.pid ?? (values.pid ? Number(values.pid) : undefined);
  try {
    const r = await runOverload({
      url: `${base}/v1/detect`,
      body: readPhoto('astronaut.png'),
      contentType: 'image/png',
      seconds: Number(values.seconds),
    });
    const doc = {
      machine: machine(),
      label: values.label || 'current',
      ...r,
      peakResidentMiB: pid ? peakResidentMiB(pid) : undefined,
    };
    const out = path.resolve(
      '.data/bench',
      `overload${values.label ? `-${values.label}` : ''}.json`,
    );
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(doc, null, 2));
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } finally {
    await server?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
