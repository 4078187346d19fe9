// The continuous-training pipeline: ingest → validate → train → evaluate → register → gate, under
// a per-model lock, each step recorded in the run metadata. Resuming a run (same run id) picks up
// its last epoch checkpoint.
import { baselineFrom, type DriftObservation } from '../../../core/monitoring/drift';
import { createHash } from 'node:crypto';
import type * as tfjs from '@tensorflow/tfjs';
import type { DatasetRegistry } from '../../../core/datasets';
import type { RunStore } from '../../../core/metadata';
import { newRunId } from '../../../core/metadata';
import type { ModelRegistry } from '../../../core/registry';
import type { Storage } from '../../../core/storage/types';
import type { TrainConfig } from '../model/head-trainer';
import { buildRunReport } from '../report/run-report';
import { decideGate, type GateConfig, type GateDecision } from './gate';
import { acquireModelLock } from './model-lock';
import type { Progress } from './progress';
import * as steps from './steps';

export interface PipelineDeps {
  readonly tf: typeof tfjs;
  readonly models: ModelRegistry;
  readonly datasets: DatasetRegistry;
  readonly runs: RunStore;
  /** Checkpoints and locks. */
  readonly work: Storage;
  readonly progress: Progress;
  /** Throughput observer (the trigger's Prometheus gauge): each training epoch, then evaluation. */
  readonly onThroughput?: (phase: ThroughputPhase, imagesPerSecond: number) => void;
}

export type ThroughputPhase = 'train' | 'eval';

export interface PipelineRequest {
  readonly model: string;
  readonly dataset: string;
  readonly datasetVersion?: number;
  readonly train: TrainConfig;
  readonly gate: GateConfig;
  readonly trigger: string;
  /** Resume this run (its checkpoint) instead of starting a new one. */
  readonly runId?: string;
  readonly codeRevision?: string;
  /** Test seam: called after each checkpointed epoch. */
  readonly onEpoch?: (epoch: number) => void;
}

export interface PipelineResult {
  readonly runId: string;
  readonly version: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly gate: GateDecision;
  readonly productionVersion?: number;
  readonly trainSeconds: number;
  /** Images/s of the last training epoch and of the held-out evaluation (inference + matching). */
  readonly throughput: Readonly<Record<ThroughputPhase, number>>;
  readonly datasetVersion: number;
}

export async function runPipeline(
  deps: PipelineDeps,
  req: PipelineRequest,
): Promise<PipelineResult> {
  const runId = req.runId ?? newRunId(new Date());
  const release = await acquireModelLock(deps.work, req.model, runId);
  try {
    const resumed =
      req.runId !== undefined && (await deps.runs.getRun(runId).catch(() => undefined));
    if (!resumed)
      await deps.runs.startRun({
        id: runId,
        pipeline: 'continuous-training',
        model: req.model,
        trigger: req.trigger,
        parameters: {
          ...req.train,
          gate: req.gate,
          dataset: req.dataset,
          datasetVersion: req.datasetVersion,
        },
        codeRevision: req.codeRevision,
      });
    const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const startedAt = new Date();
      deps.progress.log('step', { run: runId, step: name, status: 'running' });
      try {
        const out = await fn();
        const durationMs = Date.now() - startedAt.getTime();
        await deps.runs.recordStep(runId, {
          name,
          status: 'succeeded',
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          durationMs,
        });
        deps.progress.log('step', { run: runId, step: name, status: 'succeeded', durationMs });
        return out;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await deps.runs.recordStep(runId, {
          name,
          status: 'failed',
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          error: message,
        });
        throw error;
      }
    };
    try {
      const data = await step('ingest', () =>
        steps.ingest(deps.datasets, req.dataset, req.datasetVersion),
      );
      const datasetRef = {
        kind: 'dataset' as const,
        name: req.dataset,
        version: data.manifest.version,
        fingerprint: data.manifest.fingerprint,
      };
      await deps.runs.update(runId, (r) => ({ ...r, inputs: [datasetRef] }));
      await step('validate', async () => {
        const report = steps.validate(data);
        if (!report.ok)
          throw new Error(`dataset validation failed:\n  ${report.errors.join('\n  ')}`);
        return report;
      });
      const fingerprint = createHash('sha256')
        .update(JSON.stringify({ t: req.train, d: data.manifest.fingerprint }))
        .digest('hex');
      const trained = await step('train', () =>
        steps.train(
          deps.tf,
          data,
          req.train,
          deps.work,
          `checkpoints/${req.model}/${runId}.ckpt`,
          fingerprint,
          deps.progress,
          (epoch, imagesPerSecond) => {
            deps.onThroughput?.('train', imagesPerSecond);
            req.onEpoch?.(epoch);
          },
        ),
      );
      const processing = steps.processingFor(data.classes);
      // The held-out predictions also become the version's drift baseline (what serving compares
      // live traffic with): image sizes, brightness, class mix and scores as served.
      const observations: DriftObservation[] = [];
      const { files, result, evalImagesPerSecond } = await step('evaluate', async () => {
        const exported = await steps.exportTrained(deps.tf, trained.state);
        const evalStarted = performance.now();
        const evaluated = await steps.evaluateFiles(
          deps.tf,
          exported,
          steps.EXPORT_ENTRY,
          processing,
          data,
          'test',
          (o) => observations.push(o),
        );
        const images = data.splits.test.images.length;
        const imagesPerSecond = images / ((performance.now() - evalStarted) / 1000);
        deps.onThroughput?.('eval', imagesPerSecond);
        deps.progress.log('eval', { run: runId, images, imagesPerSecond });
        return { files: exported, result: evaluated, evalImagesPerSecond: imagesPerSecond };
      });
      const baseline = baselineFrom(observations, processing.labels.length);
      const production = await step('evaluate-production', () =>
        steps.evaluateProduction(deps.tf, deps.models, req.model, data, 'test'),
      );
      const gate = decideGate(
        steps.gateScores(result),
        production && steps.gateScores(production.result),
        req.gate,
      );
      const metrics = {
        AP: result.summary.AP,
        AP50: result.summary.AP50,
        AP75: result.summary.AP75,
        APsmall: result.summary.APsmall,
        APmedium: result.summary.APmedium,
        APlarge: result.summary.APlarge,
        AR: result.summary.AR,
      };
      const report = buildRunReport(
        {
          model: req.model,
          runId,
          dataset: `${req.dataset} v${data.manifest.version}`,
          split: 'test',
          facts: {
            'training time (s)': trained.seconds.toFixed(1),
            'feature extraction (s)': trained.featureSeconds.toFixed(1),
            'training throughput (images/s, last epoch)': trained.imagesPerSecond.toFixed(1),
            'evaluation throughput (images/s)': evalImagesPerSecond.toFixed(1),
            epochs: req.train.epochs,
            'train images': data.splits.train.images.length,
            'production AP': production ? production.result.summary.AP.toFixed(4) : 'none',
            gate: `${gate.promote ? 'promote to staging' : 'keep'}: ${gate.reasons.join('; ')}`,
          },
        },
        result,
      );
      const version = await step('register', async () =>
        deps.models.publish(
          req.model,
          {
            ...files,
            ...Object.fromEntries(
              Object.entries(report).map(([k, v]) => [`report/${k}`, Buffer.from(v)]),
            ),
          },
          {
            format: 'tfjs-graph',
            entry: steps.EXPORT_ENTRY,
            signature: steps.TRAINED_SIGNATURE,
            processing,
            metrics,
            baseline: { ...baseline },
            perClassAP: Object.fromEntries(result.perClass.map((c) => [c.name, c.ap])),
            dataset: {
              name: req.dataset,
              version: data.manifest.version,
              fingerprint: data.manifest.fingerprint,
            },
            trainingParams: {
              ...req.train,
              base: 'centernet-coco (frozen), re-learnt 1x1 heatmap and box projections',
            },
            codeRevision: req.codeRevision,
            parentVersion: production
              ? { name: req.model, version: production.version }
              : undefined,
            runId,
          },
        ),
      );
      await step('gate', async () => {
        if (gate.promote) await deps.models.setAlias(req.model, 'staging', version);
      });
      await deps.runs.addOutputs(runId, [{ kind: 'model', name: req.model, version }], {
        ...metrics,
        gatePromoted: gate.promote ? 1 : 0,
        trainSeconds: trained.seconds,
        imagesPerSecond: trained.imagesPerSecond,
        evalImagesPerSecond,
      });
      await deps.runs.finishRun(runId, 'succeeded');
      return {
        runId,
        version,
        metrics,
        gate,
        productionVersion: production?.version,
        trainSeconds: trained.seconds,
        throughput: { train: trained.imagesPerSecond, eval: evalImagesPerSecond },
        datasetVersion: data.manifest.version,
      };
    } catch (error) {
      await deps.runs
        .finishRun(runId, 'failed', error instanceof Error ? error.message : String(error))
        .catch(() => undefined);
      throw error;
    }
  } finally {
    await release();
  }
}
