// Records shadow-mode comparisons (the served version's answer vs the candidate's) in a bounded
// ring buffer for inspection through the admin API; shadow results never reach clients.
import type { Detection } from '../../../core/detection/postprocess';

export interface ShadowRecord {
  readonly at: string;
  readonly model: string;
  readonly servedVersion: number;
  readonly shadowVersion: number;
  readonly served: readonly Detection[];
  readonly shadow: readonly Detection[];
  readonly error?: string;
}

export class ShadowRecorder {
  private readonly records: ShadowRecord[] = [];

  constructor(private readonly capacity = 500) {}

  record(entry: ShadowRecord): void {
    this.records.push(entry);
    if (this.records.length > this.capacity) this.records.shift();
  }

  list(model?: string): readonly ShadowRecord[] {
    return model ? this.records.filter((r) => r.model === model) : [...this.records];
  }
}
