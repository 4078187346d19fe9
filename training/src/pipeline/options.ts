// Training and gate settings from flags (strings) into one frozen, validated object; errors name
// the flag. Defaults are sized for 2 CPU cores with the native backend.
import type { TrainConfig } from '../model/head-trainer';
import { DEFAULT_GATE, validateGateConfig, type GateConfig } from './gate';

export interface TrainingFlags {
  epochs: string;
  batchSize: string;
  learningRate: string;
  seed: string;
  gateMetric: string;
  gateMargin: string;
  classTolerance: string;
}

export const DEFAULT_TRAINING: { train: TrainConfig; gate: GateConfig } = Object.freeze({
  train: Object.freeze({ seed: 1, epochs: 40, batchSize: 4, learningRate: 0.03, boxLossWeight: 1 }),
  gate: DEFAULT_GATE,
});

/** Where the native backend is absent (cpu fallback): fewer epochs, same everything else. */
export const CPU_TRAINING = Object.freeze({ epochs: 10 });

/** The cpu-backend configuration: explicit --epochs win, else the small default. */
export function smallTrainingConfig(train: TrainConfig, epochsGiven: boolean): TrainConfig {
  return epochsGiven ? train : Object.freeze({ ...train, epochs: CPU_TRAINING.epochs });
}

function num(flag: string, value: string, check: (n: number) => boolean, what: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new Error(`${flag} must be ${what} (got "${value}")`);
  return n;
}

export function parseTrainingOptions(f: TrainingFlags): { train: TrainConfig; gate: GateConfig } {
  const int = (n: number) => Number.isInteger(n);
  const train: TrainConfig = Object.freeze({
    epochs: num(
      '--epochs',
      f.epochs,
      (n) => int(n) && n >= 1 && n <= 1000,
      'an integer in 1..1000',
    ),
    batchSize: num(
      '--batch-size',
      f.batchSize,
      (n) => int(n) && n >= 1 && n <= 64,
      'an integer in 1..64',
    ),
    learningRate: num('--learning-rate', f.learningRate, (n) => n > 0 && n < 1, 'in (0, 1)'),
    seed: num('--seed', f.seed, int, 'an integer'),
    boxLossWeight: DEFAULT_TRAINING.train.boxLossWeight,
  });
  if (!['AP', 'AP50', 'AP75'].includes(f.gateMetric))
    throw new Error(`--gate-metric must be AP, AP50 or AP75 (got "${f.gateMetric}")`);
  const gate = validateGateConfig({
    metric: f.gateMetric as GateConfig['metric'],
    margin: num('--gate-margin', f.gateMargin, (n) => n >= 0 && n <= 1, 'in 0..1'),
    classTolerance: num('--class-tolerance', f.classTolerance, (n) => n >= 0 && n <= 1, 'in 0..1'),
  });
  return { train, gate };
}
