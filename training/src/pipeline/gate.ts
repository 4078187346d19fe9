// The promotion gate: a candidate goes to `staging` only if it beats the current `production`
// on the same held-out split by a margin and no class regresses beyond a tolerance. Pure, so the
// decision is unit-tested and its reasons are written into the run record verbatim.

export interface GateConfig {
  /** Metric compared (COCO summary key). @default 'AP' */
  readonly metric: 'AP' | 'AP50' | 'AP75';
  /** Required absolute improvement of the metric. @default 0.01 */
  readonly margin: number;
  /** Largest allowed per-class AP drop. @default 0.05 */
  readonly classTolerance: number;
}

export const DEFAULT_GATE: GateConfig = Object.freeze({
  metric: 'AP',
  margin: 0.01,
  classTolerance: 0.05,
});

export interface GateScores {
  readonly summary: Readonly<Record<'AP' | 'AP50' | 'AP75', number>>;
  /** Per-class AP by class name (-1 = no ground truth). */
  readonly perClass: Readonly<Record<string, number>>;
}

export interface GateDecision {
  readonly promote: boolean;
  readonly reasons: readonly string[];
}

export function validateGateConfig(c: GateConfig): GateConfig {
  if (!['AP', 'AP50', 'AP75'].includes(c.metric))
    throw new Error(`gate.metric must be AP, AP50 or AP75`);
  if (!(c.margin >= 0 && c.margin <= 1))
    throw new Error(`gate.margin must be in 0..1 (got ${c.margin})`);
  if (!(c.classTolerance >= 0 && c.classTolerance <= 1))
    throw new Error(`gate.classTolerance must be in 0..1 (got ${c.classTolerance})`);
  return Object.freeze({ ...c });
}

/** `production` undefined = nothing in production yet: the candidate only needs a valid score. */
export function decideGate(
  candidate: GateScores,
  production: GateScores | undefined,
  config: GateConfig = DEFAULT_GATE,
): GateDecision {
  const m = config.metric;
  const cand = candidate.summary[m];
  if (!(cand >= 0)) return { promote: false, reasons: [`candidate ${m} is undefined`] };
  if (!production) {
    return { promote: true, reasons: [`no production model: candidate ${m} ${cand.toFixed(4)}`] };
  }
  const prod = production.summary[m];
  const reasons: string[] = [];
  let promote = true;
  const base = prod >= 0 ? prod : 0;
  if (cand >= base + config.margin) {
    reasons.push(
      `${m} ${cand.toFixed(4)} ≥ production ${base.toFixed(4)} + margin ${config.margin}`,
    );
  } else {
    promote = false;
    reasons.push(
      `${m} ${cand.toFixed(4)} < production ${base.toFixed(4)} + margin ${config.margin}`,
    );
  }
  for (const [name, prodAp] of Object.entries(production.perClass)) {
    if (!(prodAp >= 0)) continue;
    const candAp = candidate.perClass[name] ?? 0;
    const drop = prodAp - Math.max(0, candAp);
    if (drop > config.classTolerance) {
      promote = false;
      reasons.push(
        `class ${name} regresses by ${drop.toFixed(4)} (> tolerance ${config.classTolerance})`,
      );
    }
  }
  return { promote, reasons };
}
