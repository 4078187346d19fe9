// The committed Pulumi.<stack>.yaml files, merged with the project defaults of Pulumi.yaml the way
// the engine merges them, parse into valid configs of the expected kinds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { storageUris } from '../../../infra/chart-factories';
import { parseStackConfig } from '../../../infra/config';
import { CONFIG_KEYS } from '../../../infra/config-schema';

const root = path.resolve(__dirname, '../../..');
const project = parse(fs.readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8')) as {
  name: string;
  config: Record<string, { default?: unknown; description?: string }>;
};

function rawConfig(stack: string): Record<string, unknown> {
  const file = parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), 'utf8')) as {
    config: Record<string, unknown>;
  };
  const raw: Record<string, unknown> = {};
  for (const [key, declaration] of Object.entries(project.config)) {
    if (declaration.default !== undefined) raw[key] = declaration.default;
  }
  for (const [key, value] of Object.entries(file.config)) {
    raw[key.replace(`${project.name}:`, '')] = value;
  }
  return raw;
}

const ctx = (stack: string) => ({ project: project.name, stack, repoRoot: root, now: new Date() });

describe('committed stack files', () => {
  it('declares every config key the program reads, with a description', () => {
    for (const key of CONFIG_KEYS) {
      expect({ key, description: typeof project.config[key]?.description }).toEqual({
        key,
        description: 'string',
      });
    }
  });

  it.each([
    ['local', 'local', 'in-cluster', 'minio'],
    ['dev', 'eks', 'ecr', 's3'],
    ['staging', 'eks', 'ecr', 's3'],
    ['prod', 'eks', 'ecr', 's3'],
  ])('Pulumi.%s.yaml is a valid %s cluster stack', (stack, cluster, registry, storage) => {
    const config = parseStackConfig(rawConfig(stack), ctx(stack));
    if (config.mode !== 'platform') throw new Error(`${stack} should be a platform stack`);
    expect([
      config.environment,
      config.cluster.kind,
      config.registry.kind,
      config.storage.kind,
    ]).toEqual([stack, cluster, registry, storage]);
  });

  it('the prod policy config names the model registry in the prod stack bucket', () => {
    const config = parseStackConfig(rawConfig('prod'), ctx('prod'));
    if (config.mode !== 'platform' || config.storage.kind !== 's3') throw new Error('prod on S3');
    const policyConfig = JSON.parse(
      fs.readFileSync(path.join(root, 'infra/policy/config/prod.json'), 'utf8'),
    ) as Record<string, { registryUri?: string }>;
    const { registryUri } = storageUris({
      bucket: config.storage.bucket,
      prefix: '',
      endpoint: '',
      region: 'eu-west-1',
    });
    expect(policyConfig['prod-model-pinned-and-not-worse']?.registryUri).toBe(registryUri);
  });
});
