// `npm run ct:demo`: the whole continuous-training loop on this machine — synthesise a dataset and
// publish it as a version, run the pipeline (validate → train → evaluate → register → gate), then
// load the registered version through serving's detector and detect the new classes on a
// held-out image. Stores: the MLOPS_* URIs, else the local .data/ stores `npm start` serves from.
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { ENV, LOCAL_DATA_DIR } from '../../../core/contract';
import {
  defaultDatasetsUri,
  defaultMetadataUri,
  defaultRegistryUri,
  REPO_ROOT,
} from '../../../core/registry/local-paths';
import { TRAINING_METRICS } from '../../../core/monitoring/metric-names';
import { ensurePhotos } from '../../../core/sample-photos';
import { s3OptionsFromEnv } from '../../../core/storage/s3-options';
import { initTf, parseBackendName } from '../../../core/tf/backend';
import { parseServingConfig } from '../../../serving/src/config';
import { parseModelConfig } from '../../../serving/src/manager/model-config';
import { createService } from '../../../serving/src/service';
import { openStores } from '../pipeline/locations';
import { DEFAULT_TRAINING } from '../pipeline/options';
import { createProgress } from '../pipeline/progress';
import { runPipeline } from '../pipeline/run-pipeline';
import { DEFAULT_SYNTH, synthesizeDataset } from '../synth/synth-dataset';
import { publishLocalDataset } from '../synth/publish-local';

const MODEL = 'shapes';
const DATASET = 'shapes';

async function main(): Promise<void> {
  const t0 = performance.now();
  const env = process.env;
  const say = (s: string) =>
    process.stdout.write(`[ct:demo +${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}\n`);
  const runtime = await initTf({
    purpose: 'training',
    prefer: parseBackendName(env[ENV.tfBackend], ENV.tfBackend),
  });
  const { tf, backend } = runtime;
  // The cpu fallback is ~20× slower: a smaller configuration keeps the demo finite.
  const small = backend !== 'tensorflow';
  const stores = openStores(
    {
      registry: env[ENV.registryUri] ?? defaultRegistryUri(),
      datasets: env[ENV.datasetsUri] ?? defaultDatasetsUri(),
      metadata: env[ENV.metadataUri] ?? defaultMetadataUri(),
    },
    s3OptionsFromEnv(env),
  );
  const photos = ensurePhotos();
  if (!photos.dir) throw new Error(photos.missing);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-demo-'));
  const synth = await synthesizeDataset({
    ...DEFAULT_SYNTH,
    images: small ? 40 : 120,
    size: 320,
    photosDir: photos.dir,
    outDir,
  });
  const manifest = await publishLocalDataset(
    stores.datasets,
    DATASET,
    outDir,
    'ct:demo synthetic shapes',
  );
  say(
    `dataset ${DATASET} v${manifest.version}: ${JSON.stringify(synth.splits)} classes ${synth.classes.join(', ')}`,
  );
  const progress = createProgress(Boolean(process.stderr.isTTY), (l) => process.stderr.write(l));
  const result = await runPipeline(
    { tf, ...stores, progress },
    {
      model: MODEL,
      dataset: DATASET,
      datasetVersion: manifest.version,
      train: { ...DEFAULT_TRAINING.train, epochs: small ? 10 : 40 },
      gate: DEFAULT_TRAINING.gate,
      trigger: 'ct:demo',
    },
  );
  const m = result.metrics;
  say(
    `run ${result.runId}: ${MODEL} v${result.version}, trained in ${result.trainSeconds.toFixed(1)} s`,
  );
  say(
    `held-out test split: AP@.50 ${m.AP50!.toFixed(3)}, AP@[.50:.95] ${m.AP!.toFixed(3)}, AP@.75 ${m.AP75!.toFixed(3)}`,
  );
  say(
    `throughput: train ${result.throughput.train.toFixed(1)} images/s (last epoch, head on cached features), eval ${result.throughput.eval.toFixed(1)} images/s (held-out inference + matching); exported by the trigger as ${TRAINING_METRICS.imagesPerSecond}{model,phase}`,
  );
  say(
    `gate: ${result.gate.promote ? 'promoted to staging' : 'not promoted'} — ${result.gate.reasons.join('; ')}`,
  );
  // Serve it: the real serving app on the same registry, the staging alias the gate just moved,
  // and a /v1/detect request with a held-out image (through the whole HTTP stack).
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-demo-cache-'));
  const service = await createService({
    source: stores.models,
    config: parseServingConfig({
      [ENV.importDefaultModel]: 'false',
      [ENV.pollIntervalMs]: '0',
      [ENV.modelCacheDir]: cacheDir,
    }),
    modelConfig: parseModelConfig({ models: [{ name: MODEL }] }),
  });
  await service.manager.sync();
  const test = JSON.parse(
    fs.readFileSync(path.join(outDir, 'annotations', 'test.json'), 'utf8'),
  ) as { images: { file_name: string }[] };
  const file = path.join(outDir, 'images', test.images[0]!.file_name);
  const label = result.gate.promote ? 'staging' : undefined;
  const res = await service.app.inject({
    method: 'POST',
    url: `/v1/detect?model=${MODEL}${label ? `&label=${label}` : `&version=${result.version}`}&maxDetections=10`,
    headers: { 'content-type': 'image/png' },
    payload: fs.readFileSync(file),
  });
  const body = res.json() as {
    model: { name: string; version: number };
    detections: {
      label: string;
      score: number;
      box: Record<'x' | 'y' | 'width' | 'height', number>;
    }[];
  };
  if (res.statusCode !== 200) throw new Error(`/v1/detect answered ${res.statusCode}: ${res.body}`);
  await service.app.close();
  await service.close();
  fs.rmSync(cacheDir, { recursive: true, force: true });
  say(
    `POST /v1/detect?model=${MODEL}${label ? `&label=${label}` : ''} ${path.basename(file)} (held out) → ${body.model.name} v${body.model.version}: ${body.detections.map((d) => `${d.label} ${d.score.toFixed(2)} [${[d.box.x, d.box.y, d.box.width, d.box.height].map((v) => v.toFixed(0)).join(',')}]`).join('; ') || 'nothing above threshold'}`,
  );
  say(
    `serving hot-loads ${MODEL} v${result.version} (alias staging) on its next registry poll when its model config (${ENV.modelConfig}) lists ${MODEL}; registry: ${env[ENV.registryUri] ?? path.join(REPO_ROOT, LOCAL_DATA_DIR, 'registry')}`,
  );
  fs.rmSync(outDir, { recursive: true, force: true });
  say(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s (backend ${backend})`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ct:demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
