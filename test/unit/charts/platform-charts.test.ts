// Platform charts: snapshots of the local set plus what each must wire — Prometheus scraping the
// serving and training pods with the rules slot mounted, Alertmanager's CT trigger receiver,
// Grafana's data source and dashboards, MinIO's claim and bucket init Job.
import { App } from 'cdk8s';
import { SERVING_PATHS, TRAINING_TRIGGER_PATHS } from '../../../core/contract';
import { buildAllCharts } from '../../../infra/charts/all-charts';
import { dashboards } from '../../../monitoring/dashboards';
import { SCRAPE_JOBS } from '../../../monitoring/settings';
import { find, forSnapshot, synth } from './manifests';

const charts = buildAllCharts(new App(), { environment: 'local', inClusterServices: true });
const objects = (name: string) => synth(charts[name]);
const data = (name: string, cm: string) =>
  (find(objects(name), 'ConfigMap', cm) as unknown as { data: Record<string, string> }).data;

describe('platform charts', () => {
  it.each(['registry', 'minio', 'prometheus', 'alertmanager', 'grafana'])(
    '%s matches the snapshot',
    (name) => {
      expect(forSnapshot(objects(name))).toMatchSnapshot();
    },
  );

  it('Prometheus scrapes serving and training on their metrics paths and loads the rules', () => {
    const config = data('prometheus', 'prometheus-config')['prometheus.yml'];
    expect(config).toContain(`job_name: ${SCRAPE_JOBS.serving}`);
    expect(config).toContain(`job_name: ${SCRAPE_JOBS.training}`);
    expect(config).toContain(`metrics_path: ${SERVING_PATHS.metrics}`);
    expect(config).toContain(`metrics_path: ${TRAINING_TRIGGER_PATHS.metrics}`);
    expect(data('prometheus', 'prometheus-rules')['mlops-stack.yaml']).toMatch(/^groups:/);
    const role = find(objects('prometheus'), 'Role') as unknown as {
      metadata: { namespace: string };
      rules: { verbs: string[] }[];
    };
    expect(role.metadata.namespace).toBe('mlops');
    expect(role.rules.flatMap((r) => r.verbs)).toEqual(['get', 'list', 'watch']);
  });

  it('Alertmanager sends retrain alerts to the training trigger with its token', () => {
    const config = data('alertmanager', 'alertmanager-config')['alertmanager.yml'];
    expect(config).toContain(
      `training-trigger.mlops.svc.cluster.local:8090${TRAINING_TRIGGER_PATHS.alertmanager}`,
    );
    expect(config).toContain('credentials_file: /etc/alertmanager/secrets/token');
  });

  it('Grafana provisions Prometheus and the dashboards', () => {
    expect(data('grafana', 'grafana-provisioning')['datasources.yaml']).toContain(
      'prometheus.mlops-platform.svc.cluster.local:9090',
    );
    expect(Object.keys(data('grafana', 'grafana-dashboards')).sort()).toEqual(
      Object.keys(dashboards()).sort(),
    );
  });

  it('MinIO keeps data on a claim and initialises the bucket with a scoped user', () => {
    const sts = find(objects('minio'), 'StatefulSet').spec as { volumeClaimTemplates: unknown[] };
    expect(sts.volumeClaimTemplates).toHaveLength(1);
    const job = JSON.stringify(find(objects('minio'), 'Job'));
    expect(job).toContain('mc mb --ignore-existing');
    expect(job).toContain('arn:aws:s3:::BUCKET/*');
  });
});
