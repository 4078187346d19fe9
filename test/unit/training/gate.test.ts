// The promotion gate: a better model passes, a worse one or one with a regressing class fails.
import { decideGate, validateGateConfig } from '../../../training/src/pipeline/gate';

const scores = (ap: number, perClass: Record<string, number>) => ({
  summary: { AP: ap, AP50: ap + 0.2, AP75: ap },
  perClass,
});
const config = { metric: 'AP' as const, margin: 0.02, classTolerance: 0.05 };

describe('decideGate', () => {
  const production = scores(0.4, { star: 0.5, ring: 0.3 });

  it('promotes a candidate that beats production by the margin', () => {
    const d = decideGate(scores(0.45, { star: 0.52, ring: 0.38 }), production, config);
    expect(d.promote).toBe(true);
  });

  it('rejects a candidate within the margin or worse', () => {
    expect(decideGate(scores(0.41, { star: 0.5, ring: 0.32 }), production, config).promote).toBe(
      false,
    );
    expect(decideGate(scores(0.3, { star: 0.4, ring: 0.2 }), production, config).promote).toBe(
      false,
    );
  });

  it('rejects a better candidate when one class regresses beyond the tolerance', () => {
    const d = decideGate(scores(0.5, { star: 0.9, ring: 0.2 }), production, config);
    expect(d.promote).toBe(false);
    expect(d.reasons.join('\n')).toMatch(/class ring regresses by 0\.1000/);
  });

  it('promotes the first model when nothing is in production, but never an undefined score', () => {
    expect(decideGate(scores(0.1, {}), undefined, config).promote).toBe(true);
    expect(decideGate(scores(-1, {}), undefined, config).promote).toBe(false);
  });

  it('validates its configuration naming the key', () => {
    expect(() => validateGateConfig({ ...config, margin: -1 })).toThrow(/gate\.margin/);
  });
});
