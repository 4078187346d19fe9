// `npm run synth`: writes every chart's manifests per environment into the git-ignored
// dist/manifests/<env>/<chart>.yaml for inspection and prints how long each took. Staging and
// prod need image digests (core/versions.ts policy): pass `--images <file.json>` with
// { "<image key>": { repository, tag, digest } } as recorded by CI, else those are skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Yaml } from 'cdk8s';
import { DIGEST_REQUIRED_ENVIRONMENTS, type ImageVersion } from '../core/versions';
import { buildAllCharts } from '../infra/charts/all-charts';

const ENVIRONMENTS: Record<string, { readonly inClusterServices: boolean }> = {
  local: { inClusterServices: true },
  dev: { inClusterServices: false },
  staging: { inClusterServices: false },
  prod: { inClusterServices: false },
};

function main(argv: string[]): number {
  const imagesAt = argv.indexOf('--images');
  const images: Record<string, ImageVersion> =
    imagesAt >= 0 ? JSON.parse(fs.readFileSync(argv[imagesAt + 1], 'utf8')) : {};
  const wanted = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--images');
  const envs = wanted.length > 0 ? wanted : Object.keys(ENVIRONMENTS);
  const outRoot = path.resolve(__dirname, '..', 'dist', 'manifests');
  const started = process.hrtime.bigint();
  let failures = 0;
  for (const env of envs) {
    const spec = ENVIRONMENTS[env];
    if (!spec) {
      process.stderr.write(
        `unknown environment "${env}" (known: ${Object.keys(ENVIRONMENTS).join(', ')})\n`,
      );
      return 2;
    }
    const t0 = process.hrtime.bigint();
    const app = new App();
    let charts;
    try {
      charts = buildAllCharts(app, {
        environment: env,
        inClusterServices: spec.inClusterServices,
        images,
      });
    } catch (err) {
      const skippable = DIGEST_REQUIRED_ENVIRONMENTS.includes(env) && imagesAt < 0;
      process.stderr.write(
        `${skippable ? 'skipped' : 'failed'} ${env}: ${(err as Error).message}\n`,
      );
      if (!skippable) failures++;
      continue;
    }
    const dir = path.join(outRoot, env);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    let objects = 0;
    for (const [name, chart] of Object.entries(charts)) {
      const docs = chart.toJson();
      objects += docs.length;
      fs.writeFileSync(path.join(dir, `${name}.yaml`), Yaml.stringify(...docs));
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(
      `${env}: ${Object.keys(charts).length} charts, ${objects} objects → ${path.relative(process.cwd(), dir)} (${ms.toFixed(0)} ms)\n`,
    );
  }
  const total = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`synth total: ${total.toFixed(0)} ms\n`);
  return failures > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
