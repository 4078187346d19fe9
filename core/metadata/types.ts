// Run metadata (the ML metadata store): what each pipeline run did, with which inputs, producing
// what, how well and how long it took.
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface ArtifactRef {
  readonly kind: 'dataset' | 'model' | 'report' | 'checkpoint' | 'other';
  readonly name: string;
  readonly version?: number;
  readonly fingerprint?: string;
  readonly uri?: string;
}

export interface StepRecord {
  readonly name: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly error?: string;
}

export interface RunRecord {
  readonly id: string;
  readonly pipeline: string;
  /** The model the run trains or evaluates (for queries by model). */
  readonly model?: string;
  readonly status: RunStatus;
  readonly trigger?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly inputs: readonly ArtifactRef[];
  readonly outputs: readonly ArtifactRef[];
  readonly metrics: Readonly<Record<string, number>>;
  readonly steps: readonly StepRecord[];
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly codeRevision?: string;
  readonly error?: string;
}

export interface RunQuery {
  readonly model?: string;
  readonly status?: RunStatus;
  readonly pipeline?: string;
  /** Newest first; at most this many. */
  readonly limit?: number;
}
