// TrainingChart: snapshot plus the CronJob policy, the template identical to the scheduled Job,
// least-privilege RBAC for the trigger, the 4 GiB budget and optional GPU scheduling.
import { Testing } from 'cdk8s';
import { TRAINING_TRIGGER_PORT } from '../../../core/contract';
import { JOB_TEMPLATE_KEY, TrainingChart, type TrainingChartProps } from '../../../training/chart';
import { find, forSnapshot, synth, type PodTemplate } from './manifests';

const base: TrainingChartProps = {
  namespace: 'mlops',
  environment: 'local',
  model: 'custom-detector',
  storage: {
    registryUri: 's3://b/registry',
    datasetsUri: 's3://b/datasets',
    metadataUri: 's3://b/metadata',
  },
  trigger: { tokenSecret: 'trigger-token' },
};
const build = (props: Partial<TrainingChartProps> = {}) =>
  synth(new TrainingChart(Testing.app(), 'training', { ...base, ...props }));

interface CronSpec {
  concurrencyPolicy: string;
  schedule: string;
  jobTemplate: {
    spec: {
      backoffLimit: number;
      activeDeadlineSeconds: number;
      ttlSecondsAfterFinished: number;
      template: PodTemplate;
    };
  };
}

describe('TrainingChart', () => {
  it('matches the snapshot', () => {
    expect(forSnapshot(build())).toMatchSnapshot();
  });

  it('schedules runs one at a time with retry, deadline and TTL', () => {
    const cron = find(build({ schedule: '*/30 * * * *' }), 'CronJob').spec as unknown as CronSpec;
    expect(cron.schedule).toBe('*/30 * * * *');
    expect(cron.concurrencyPolicy).toBe('Forbid');
    expect(cron.jobTemplate.spec).toMatchObject({
      backoffLimit: 1,
      activeDeadlineSeconds: 3600,
      ttlSecondsAfterFinished: 86400,
    });
    const c = cron.jobTemplate.spec.template.spec.containers[0];
    expect(c.args).toEqual([
      'train',
      '--model',
      'custom-detector',
      '--dataset',
      'custom-detector',
      '--json',
    ]);
    expect(c.resources?.limits?.memory).toBe('4096Mi');
    expect(cron.jobTemplate.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  it('ships the on-demand Job template with exactly the scheduled Job spec', () => {
    const objects = build();
    const cron = find(objects, 'CronJob').spec as unknown as CronSpec;
    const cm = find(objects, 'ConfigMap', 'training-job-template') as unknown as {
      data: Record<string, string>;
    };
    const job = JSON.parse(cm.data[JOB_TEMPLATE_KEY]);
    expect(job).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { generateName: 'training-manual-' },
    });
    expect(job.spec).toEqual(cron.jobTemplate.spec);
  });

  it('lets only the trigger talk to the API, and only to create and watch Jobs', () => {
    const objects = build();
    const role = find(objects, 'Role') as unknown as {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    };
    expect(role.rules).toEqual([
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get', 'list', 'watch'] },
    ]);
    const binding = find(objects, 'RoleBinding') as unknown as { subjects: { name: string }[] };
    expect(binding.subjects.map((s) => s.name)).toEqual(['training-trigger']);
    const sas = objects.filter((o) => o.kind === 'ServiceAccount') as unknown as {
      metadata: { name: string };
      automountServiceAccountToken: boolean;
    }[];
    expect(
      Object.fromEntries(sas.map((s) => [s.metadata.name, s.automountServiceAccountToken])),
    ).toEqual({
      training: false,
      'training-trigger': true,
    });
    const svc = find(objects, 'Service', 'training-trigger').spec as { ports: { port: number }[] };
    expect(svc.ports[0].port).toBe(TRAINING_TRIGGER_PORT);
  });

  it('adds no trigger objects without a trigger', () => {
    const kinds = build({ trigger: undefined }).map((o) => o.kind);
    expect(kinds).not.toContain('Role');
    expect(kinds).not.toContain('Deployment');
  });

  it('requests GPUs and targets GPU nodes when asked', () => {
    const cron = find(build({ gpu: { count: 2 } }), 'CronJob').spec as unknown as CronSpec;
    const spec = cron.jobTemplate.spec.template.spec;
    expect(spec.containers[0].resources?.limits?.['nvidia.com/gpu']).toBe(2);
    expect(spec.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expect(spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('rejects a bad schedule and a bad model name, naming the key', () => {
    expect(() => build({ schedule: 'every day' })).toThrow(/schedule/);
    expect(() => build({ model: '../x' })).toThrow(/model/);
    expect(() => build({ dataset: 'Bad Name' })).toThrow(/dataset/);
  });
});
