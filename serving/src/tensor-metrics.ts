// Exports the number of live TensorFlow.js tensors as a gauge read at scrape time, so a tensor
// leak shows on dashboards and the soak test can watch it over HTTP.
import * as client from 'prom-client';
import { SERVING_METRICS as M } from '../../core/monitoring/metric-names';
import type { Tf } from './models/tf-types';

export function exportTensorCount(registry: client.Registry, tf: Tf): void {
  new client.Gauge({
    name: M.tfTensors,
    help: 'TensorFlow.js tensors alive in this process',
    registers: [registry],
    collect() {
      this.set(tf.memory().numTensors);
    },
  });
}
