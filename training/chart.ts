// TrainingChart: the continuous-training workload — a CronJob for scheduled runs, the same Job as
// an on-demand template for triggers (ConfigMap holding a Job manifest), a token-less
// ServiceAccount for the runs, and optionally the trigger webhook (see chart/trigger.ts) whose
// Role may only create and watch Jobs in this namespace.
//
// Raw `k8s` objects rather than cdk8s-plus constructs here: the trigger needs the Job as plain
// JSON, and one JobSpec builder feeding both the CronJob and the template keeps them identical.
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { selectorLabels, standardLabels, type ComponentIdentity } from '../core/chart-support';
import { IMAGES, imageRef } from '../core/versions';
import { trainingJobSpec } from './chart/job-spec';
import { validateTrainingProps, type TrainingChartProps } from './chart/props';
import { trainingTrigger } from './chart/trigger';

export * from './chart/props';

/** ConfigMap key holding the on-demand Job manifest. */
export const JOB_TEMPLATE_KEY = 'job.json';

export class TrainingChart extends Chart {
  /** Name of the CronJob (also the prefix of every Job it creates). */
  public readonly cronJobName: string;
  /** In-cluster URL of the trigger webhook, when deployed. */
  public readonly triggerUrl?: string;

  constructor(scope: Construct, id: string, props: TrainingChartProps) {
    const image = props.image ?? IMAGES.training;
    const name = props.instance ?? 'training';
    const identity: ComponentIdentity = {
      name: 'training',
      instance: name,
      component: 'training',
      version: image.tag,
    };
    const labels = standardLabels(identity, props.labels);
    super(scope, id, { namespace: props.namespace, labels, disableResourceNameHashes: true });
    validateTrainingProps(props);
    const ref = imageRef('training', image, props.environment);

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name },
      automountServiceAccountToken: false,
    });
    const jobSpec = trainingJobSpec({
      props,
      image: ref,
      podLabels: labels,
      serviceAccountName: name,
    });

    new k8s.KubeCronJob(this, 'cronjob', {
      metadata: { name },
      spec: {
        schedule: props.schedule ?? '0 3 * * *',
        timeZone: props.timeZone ?? 'Etc/UTC',
        suspend: props.suspend ?? false,
        // One training of a model at a time; a run still going when the next is due wins.
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: { metadata: { labels }, spec: jobSpec },
      },
    });

    const template = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { generateName: `${name}-manual-`, namespace: props.namespace, labels },
      spec: k8s.toJson_JobSpec(jobSpec),
    };
    new k8s.KubeConfigMap(this, 'job-template', {
      metadata: { name: `${name}-job-template` },
      data: { [JOB_TEMPLATE_KEY]: JSON.stringify(template, null, 2) },
    });

    this.cronJobName = name;
    if (props.trigger && (props.trigger.enabled ?? true)) {
      this.triggerUrl = trainingTrigger(this, {
        props,
        trigger: props.trigger,
        image: ref,
        labels: standardLabels(
          { ...identity, name: 'training-trigger', component: 'trigger' },
          props.labels,
        ),
        selector: selectorLabels({ ...identity, name: 'training-trigger', component: 'trigger' }),
        name: `${name}-trigger`,
        templateConfigMap: `${name}-job-template`,
        trainingSelector: selectorLabels(identity),
      });
    }
  }
}
