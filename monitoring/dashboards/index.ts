// Every provisioned Grafana dashboard, by file name (the monitoring chart mounts them).
import type { Dashboard } from './panel';
import { modelsDashboard } from './models';
import { servingDashboard } from './serving';
import { trainingDashboard } from './training';

export function dashboards(): Record<string, Dashboard> {
  return {
    'serving.json': servingDashboard(),
    'models.json': modelsDashboard(),
    'training.json': trainingDashboard(),
  };
}
