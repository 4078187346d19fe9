// A sliding window of drift counts: the window is split into slices so old traffic leaves it in
// steps without storing individual observations (memory is O(slices × bins)).
import { addObservation, emptyCounts, type DriftCounts, type DriftObservation } from './drift';
import type { DriftSignal } from './metric-names';

interface Slice {
  readonly start: number;
  readonly counts: DriftCounts;
  samples: number;
}

export class DriftWindow {
  private readonly slices: Slice[] = [];
  private readonly sliceMs: number;

  constructor(
    private readonly numClasses: number,
    private readonly windowMs: number,
    sliceCount = 12,
    private readonly now: () => number = Date.now,
  ) {
    if (windowMs <= 0 || sliceCount < 1)
      throw new Error('drift window and slice count must be positive');
    this.sliceMs = windowMs / sliceCount;
  }

  observe(o: DriftObservation): void {
    const t = this.now();
    this.expire(t);
    let last = this.slices[this.slices.length - 1];
    if (!last || t - last.start >= this.sliceMs) {
      last = { start: t, counts: emptyCounts(this.numClasses), samples: 0 };
      this.slices.push(last);
    }
    addObservation(last.counts, o);
    last.samples += 1;
  }

  /** Summed counts of the slices still inside the window, and how many images they hold. */
  snapshot(): { counts: DriftCounts; samples: number } {
    this.expire(this.now());
    const counts = emptyCounts(this.numClasses);
    let samples = 0;
    for (const s of this.slices) {
      samples += s.samples;
      for (const signal of Object.keys(counts) as DriftSignal[]) {
        s.counts[signal].forEach((c, i) => (counts[signal][i]! += c));
      }
    }
    return { counts, samples };
  }

  private expire(t: number): void {
    while (this.slices.length > 0 && t - this.slices[0]!.start >= this.windowMs)
      this.slices.shift();
  }
}
