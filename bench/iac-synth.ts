// IaC benchmark, cdk8s side (`npm run bench:iac-synth`): synth time of every chart of the local
// environment, and how it grows with the number of served models (1, 5, 20 serving workloads,
// one ServingChart instance per model, as a platform serving many models would deploy them).
// Median of --runs fresh synths per size, in one process after one warm-up synth.
import { App } from 'cdk8s';
import { parseArgs } from 'node:util';
import { buildAllCharts } from '../infra/charts/all-charts';
import { ServingChart } from '../serving/chart';
import { percentile } from './lib/stats';

function synth(models: number): { ms: number; objects: number } {
  const t0 = performance.now();
  const app = new App();
  const charts = buildAllCharts(app, { environment: 'local', inClusterServices: true });
  for (let i = 2; i <= models; i++) {
    new ServingChart(app, `serving-m${i}`, {
      namespace: 'mlops',
      environment: 'local',
      instance: `serving-m${i}`,
      modelConfig: { models: [{ name: `detector-${i}` }] },
      importDefaultModel: false,
      storage: {
        registryUri: 's3://mlops-stack/registry',
        credentialsSecret: 'storage-credentials',
      },
      apiSecret: 'serving-api',
      monitoringNamespace: 'mlops-platform',
    });
  }
  const objects = app.charts.reduce((n, c) => n + c.toJson().length, 0);
  app.synthYaml();
  void charts;
  return { ms: performance.now() - t0, objects };
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Number(values.runs);
  synth(1); // warm-up: module loading and JIT
  const rows = [1, 5, 20].map((models) => {
    const samples = Array.from({ length: runs }, () => synth(models));
    return {
      models,
      objects: samples[0]!.objects,
      medianMs: +percentile(
        samples.map((s) => s.ms),
        0.5,
      ).toFixed(1),
    };
  });
  process.stdout.write(
    `${JSON.stringify({ date: new Date().toISOString(), runs, rows }, null, 2)}\n`,
  );
}

main();
