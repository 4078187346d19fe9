// The ML-aware policy: the prod model pin exists in the registry and its AP is not below
// production's. The registry is a fake behind the injected lookup interface.
import type { ModelRegistryLookup } from '../../../../infra/policy/rules/model-promotion';
import {
  modelPinProblems,
  modelPromotionPolicy,
} from '../../../../infra/policy/rules/model-promotion';
import { registryLookup, type RegistryReader } from '../../../../infra/policy/registry-lookup';
import { deployment, violationsOf } from './fixtures';

class NotFound extends Error {
  constructor() {
    super('missing');
    this.name = 'RegistryNotFoundError';
  }
}

/** An in-memory registry: version → AP, plus the production alias. */
function fakeRegistry(
  aps: Record<number, number | undefined>,
  production?: number,
): RegistryReader {
  return {
    async getMetadata(_name, version) {
      if (!(version in aps)) throw new NotFound();
      const ap = aps[version];
      const metrics: Record<string, number> = ap === undefined ? {} : { AP: ap, AP50: 0.9 };
      return { metrics };
    },
    async resolveAlias(_name, alias) {
      return alias === 'production' ? production : undefined;
    },
  };
}

const lookup = (
  aps: Record<number, number | undefined>,
  production?: number,
): ModelRegistryLookup => registryLookup(fakeRegistry(aps, production));

describe('modelPinProblems', () => {
  it('accepts a pin at least as good as production', async () => {
    expect(await modelPinProblems(lookup({ 3: 0.31, 4: 0.33 }, 3), 'm', '4')).toEqual([]);
    expect(await modelPinProblems(lookup({ 3: 0.31, 4: 0.31 }, 3), 'm', '4')).toEqual([]);
    expect(await modelPinProblems(lookup({ 3: 0.31 }, 3), 'm', '3')).toEqual([]);
    expect(await modelPinProblems(lookup({ 1: 0.2 }), 'm', '1')).toEqual([]);
  });

  it('rejects a version missing from the registry or an unpinned model', async () => {
    expect(await modelPinProblems(lookup({ 3: 0.31 }, 3), 'm', '9')).toEqual([
      'model m version 9 is not in the registry',
    ]);
    expect(await modelPinProblems(lookup({ 3: 0.31 }, 3), 'm', 'production')).toEqual([
      'model m: prod must pin a version number (found "production")',
    ]);
  });

  it('rejects a pin whose AP is below production or unknown', async () => {
    expect(await modelPinProblems(lookup({ 3: 0.31, 4: 0.29 }, 3), 'm', '4')).toEqual([
      'model m version 4 has AP 0.29, below production version 3 (0.31)',
    ]);
    expect(await modelPinProblems(lookup({ 3: 0.31, 4: undefined }, 3), 'm', '4')).toEqual([
      'model m version 4 has no recorded AP',
    ]);
  });
});

describe('prod-model-pinned-and-not-worse', () => {
  const pinned = (version: string, environment = 'prod') =>
    deployment({
      environment,
      annotations: {
        'mlops-stack.io/model': 'centernet-coco',
        'mlops-stack.io/model-version': version,
      },
    });
  const opened: string[] = [];
  const policy = modelPromotionPolicy((uri) => {
    opened.push(uri);
    return lookup({ 1: 0.3, 2: 0.25 }, 1);
  });
  const config = { registryUri: 's3://models/registry' };
  const DEPLOYMENT = 'kubernetes:apps/v1:Deployment';

  it('checks prod serving Deployments against the configured registry', async () => {
    expect(await violationsOf(policy, DEPLOYMENT, pinned('1'), config)).toEqual([]);
    expect(await violationsOf(policy, DEPLOYMENT, pinned('2'), config)).toEqual([
      'model centernet-coco version 2 has AP 0.25, below production version 1 (0.3)',
    ]);
    expect(opened).toEqual(['s3://models/registry']);
  });

  it('skips other environments and fails loudly without a registry', async () => {
    expect(await violationsOf(policy, DEPLOYMENT, pinned('2', 'staging'), config)).toEqual([]);
    expect(await violationsOf(policy, DEPLOYMENT, pinned('1'), {})).toEqual([
      'set registryUri in the policy config to check the prod model pin',
    ]);
  });
});
