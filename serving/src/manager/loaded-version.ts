// One loaded model version with an in-flight counter: a retired version is disposed only when
// its last in-flight request has finished, so a hot swap never fails a request.
import type { ModelMetadata } from '../../../core/registry/types';
import type { DetectionModel } from '../../../core/detection/detector';

export class LoadedVersion {
  private inflight = 0;
  private retired = false;

  constructor(
    readonly name: string,
    readonly version: number,
    readonly metadata: ModelMetadata,
    readonly detector: DetectionModel,
  ) {}

  get tag(): string {
    return `${this.name}:${this.version}`;
  }

  get isRetired(): boolean {
    return this.retired;
  }

  acquire(): () => void {
    this.inflight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inflight--;
      if (this.retired && this.inflight === 0) this.detector.dispose();
    };
  }

  /** Stops new use; disposes now if idle, otherwise when the last lease is released. */
  retire(): void {
    if (this.retired) return;
    this.retired = true;
    if (this.inflight === 0) this.detector.dispose();
  }
}
