// The platform charts for local and on-prem stacks, exported together for infra and scripts.
export * from './alertmanager-chart';
export * from './grafana-chart';
export * from './minio-chart';
export * from './platform-props';
export * from './prometheus-chart';
export * from './registry-chart';
