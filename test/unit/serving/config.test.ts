import { parseServingConfig } from '../../../serving/src/config';
import { parseModelConfig } from '../../../serving/src/manager/model-config';

describe('serving config', () => {
  it('applies documented defaults', () => {
    const c = parseServingConfig({});
    expect(c.port).toBe(8080);
    expect(c.registryUri).toMatch(/^file:\/\/.*\.data\/registry$/);
    expect(c.apiKeys).toEqual([]);
    expect(c.adminToken).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('parses values and lists', () => {
    const c = parseServingConfig({
      PORT: '9000',
      MLOPS_API_KEYS: 'a, b,,c',
      MLOPS_BATCH_MAX_SIZE: '4',
    });
    expect([c.port, c.batchMaxSize]).toEqual([9000, 4]);
    expect(c.apiKeys).toEqual(['a', 'b', 'c']);
  });

  it('names the bad variable', () => {
    expect(() => parseServingConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseServingConfig({ MLOPS_REGISTRY_URI: 'http://x' })).toThrow(
      /MLOPS_REGISTRY_URI/,
    );
    expect(() => parseServingConfig({ MLOPS_ADMIN_TOKEN: 'short' })).toThrow(/MLOPS_ADMIN_TOKEN/);
  });
});

describe('model config', () => {
  it('accepts labels, canary and shadow and fills defaults', () => {
    const c = parseModelConfig({
      models: [
        { name: 'm', labels: { stable: 1, canary: 2 }, canary: { label: 'canary', weight: 0.1 } },
      ],
    });
    expect(c.models[0].versionPolicy).toBe('latest');
    expect(c.models[0].canary?.weight).toBe(0.1);
  });

  it('requires a default when several versions are pinned, and one among the pins', () => {
    expect(() =>
      parseModelConfig({ models: [{ name: 'm', versionPolicy: { specific: [1, 2] } }] }),
    ).toThrow(/models\.0\.default: versionPolicy pins 1, 2/);
    expect(() =>
      parseModelConfig({
        models: [{ name: 'm', versionPolicy: { specific: [1, 2] }, default: 3 }],
      }),
    ).toThrow(/default 3 is not among the pinned versions/);
    expect(
      parseModelConfig({
        models: [{ name: 'm', versionPolicy: { specific: [1, 2] }, default: 'stable' }],
      }).models[0].default,
    ).toBe('stable');
    expect(
      parseModelConfig({ models: [{ name: 'm', versionPolicy: { specific: [1] } }] }).models[0]
        .default,
    ).toBeUndefined();
  });

  it('names the offending path', () => {
    expect(() =>
      parseModelConfig({ models: [{ name: 'm', canary: { label: 'canary', weight: 2 } }] }),
    ).toThrow(/models\.0\.canary\.weight/);
    expect(() => parseModelConfig({ models: [{ name: 'm', typo: 1 }] })).toThrow(/models\.0/);
  });
});
