import {
  routeVersion,
  shadowVersion,
  type RoutingState,
} from '../../../serving/src/manager/routing';

// Deterministic PRNG (mulberry32) so the split test is reproducible.
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const state: RoutingState = {
  versions: [1, 2, 3],
  labels: { stable: 2, canary: 3 },
  canary: { label: 'canary', weight: 0.2 },
  shadow: { label: 'canary', fraction: 0.5 },
  defaultVersion: 2,
};

describe('routing', () => {
  it('honours an explicit version or label and refuses unloaded ones', () => {
    expect(routeVersion(state, { version: 1 }, 0.99)).toEqual({
      ok: true,
      version: 1,
      via: 'version',
    });
    expect(routeVersion(state, { label: 'canary' }, 0.99)).toMatchObject({ ok: true, version: 3 });
    expect(routeVersion(state, { version: 9 }, 0)).toMatchObject({ ok: false });
    expect(routeVersion(state, { label: 'nope' }, 0)).toMatchObject({ ok: false });
  });

  it('sends unpinned traffic to the default version, never to the highest loaded', () => {
    expect(routeVersion(state, {}, 0.5)).toMatchObject({ version: 2, via: 'default' });
    expect(routeVersion({ versions: [1, 4], labels: {}, defaultVersion: 1 }, {}, 0)).toMatchObject({
      version: 1,
    });
    // No default decided (or not loaded): refused, not "the latest".
    expect(routeVersion({ versions: [1, 4], labels: {} }, {}, 0)).toMatchObject({ ok: false });
    expect(routeVersion({ versions: [1, 4], labels: {}, defaultVersion: 3 }, {}, 0)).toMatchObject({
      ok: false,
    });
  });

  it('splits unpinned traffic by the canary weight within tolerance', () => {
    const random = prng(42);
    const n = 20_000;
    let canary = 0;
    for (let i = 0; i < n; i++) {
      const r = routeVersion(state, {}, random());
      if (r.ok && r.version === 3) canary++;
    }
    expect(Math.abs(canary / n - 0.2)).toBeLessThan(0.015);
  });

  it('mirrors to the shadow version by fraction, never to the version that answers', () => {
    expect(shadowVersion(state, 2, 0.1)).toBe(3);
    expect(shadowVersion(state, 2, 0.9)).toBeUndefined();
    expect(shadowVersion(state, 3, 0.1)).toBeUndefined();
    expect(shadowVersion({ ...state, shadow: undefined }, 2, 0)).toBeUndefined();
  });
});
