// In-cluster mode: a triggered run becomes a Kubernetes Job made from the chart's Job template
// (mounted file) instead of a training in this process. The Job is labelled with the model, and
// a model with an active Job gets no second one, so one-at-a-time holds across trigger restarts.
import * as fs from 'node:fs';
import { STACK_LABELS } from '../../../../core/contract';
import type { RunRequest } from '../run-scheduler';
import { jobOutcome, type KubeClient, type KubeJob } from './kube-client';

/** Annotation on the Job recording why it was started. */
export const TRIGGER_REASON_ANNOTATION = 'mlops-stack.io/trigger-reason';

export class ModelJobActiveError extends Error {
  constructor(
    readonly model: string,
    readonly job: string,
  ) {
    super(`model ${model} already has an active training Job ${job}`);
    this.name = 'ModelJobActiveError';
  }
}

interface TemplateContainer {
  readonly args?: readonly string[];
  readonly [k: string]: unknown;
}

export function readJobTemplate(file: string): KubeJob {
  const job = JSON.parse(fs.readFileSync(file, 'utf8')) as KubeJob;
  if (job.kind !== 'Job' || !job.metadata)
    throw new Error(`${file}: not a Kubernetes Job manifest`);
  return job;
}

/** Sets `--flag value` in an argument list, replacing an existing value. */
function withFlag(args: readonly string[], flag: string, value: string): string[] {
  const i = args.indexOf(flag);
  if (i < 0) return [...args, flag, value];
  const next = [...args];
  next[i + 1] = value;
  return next;
}

/** The Job for one run: template + model label, reason annotation, model/version/trigger args. */
export function jobFor(
  template: KubeJob,
  namespace: string,
  r: RunRequest,
  dataset: string = r.model,
): KubeJob {
  const spec = structuredClone(template.spec) as {
    template: {
      metadata?: { labels?: Record<string, string> };
      spec: { containers: TemplateContainer[] };
    };
  };
  const [container, ...rest] = spec.template.spec.containers;
  if (!container) throw new Error('job template: spec.template.spec.containers is empty');
  let args = withFlag(container.args ?? [], '--model', r.model);
  args = withFlag(args, '--dataset', dataset);
  args = withFlag(args, '--trigger', r.reason);
  if (r.datasetVersion !== undefined)
    args = withFlag(args, '--dataset-version', String(r.datasetVersion));
  spec.template.spec.containers = [{ ...container, args }, ...rest];
  spec.template.metadata = {
    ...spec.template.metadata,
    labels: { ...spec.template.metadata?.labels, [STACK_LABELS.model]: r.model },
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      generateName: template.metadata.generateName ?? `training-${r.model}-`,
      namespace,
      labels: { ...template.metadata.labels, [STACK_LABELS.model]: r.model },
      annotations: { ...template.metadata.annotations, [TRIGGER_REASON_ANNOTATION]: r.reason },
    },
    spec,
  };
}

/**
 * The scheduler's startRun for in-cluster mode: refuses when the model has an unfinished Job,
 * creates one, then follows it (get every `pollMs`) so the run metrics count the Job's outcome.
 */
export function createJobLauncher(
  kube: KubeClient,
  template: KubeJob,
  options: {
    readonly pollMs: number;
    readonly datasetOf: (model: string) => string;
    readonly onCreated?: (job: string, r: RunRequest) => void;
  },
) {
  return async (r: RunRequest): Promise<{ job: string }> => {
    const active = (await kube.listJobs({ [STACK_LABELS.model]: r.model })).find(
      (j) => jobOutcome(j) === undefined,
    );
    if (active) throw new ModelJobActiveError(r.model, active.metadata.name ?? '?');
    const created = await kube.createJob(
      jobFor(template, kube.namespace, r, options.datasetOf(r.model)),
    );
    const name = created.metadata.name;
    if (!name) throw new Error('the API server returned a Job without a name');
    options.onCreated?.(name, r);
    for (;;) {
      const outcome = jobOutcome(await kube.getJob(name));
      if (outcome === 'Complete') return { job: name };
      if (outcome === 'Failed') throw new Error(`training Job ${name} failed`);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  };
}
