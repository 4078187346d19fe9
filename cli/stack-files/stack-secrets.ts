// `mlops stack secrets <stack>`: which secrets a stack needs, from its committed stack file, and
// whether each is set (encrypted in the file), generated on `up` (local and pr-<n> stacks), or
// missing — so a shared stack's gaps are listed in one go instead of one failed `up` at a time.
import * as path from 'node:path';
import {
  generatesSecrets,
  neededSecrets,
  parseStackConfig,
  SECRET_KEYS,
  type SecretKey,
} from '../../infra/config';
import { CONFIG_KEYS, type ConfigKey } from '../../infra/config-schema';
import { PROJECT, loadStackFile } from './stack-file';

export type SecretState = 'set' | 'generated on up' | 'missing' | 'not needed';

export function stackSecrets(file: string, now = new Date()): Record<SecretKey, SecretState> {
  const config = (loadStackFile(file).toJS() as { config?: Record<string, unknown> }).config ?? {};
  const value = (key: string) => config[`${PROJECT}:${key}`];
  const raw: Partial<Record<ConfigKey, unknown>> = {};
  for (const k of CONFIG_KEYS) if (value(k) !== undefined) raw[k] = value(k);
  const stack = path.basename(file).replace(/^Pulumi\.(.+)\.yaml$/, '$1');
  const parsed = parseStackConfig(raw, {
    project: PROJECT,
    stack,
    repoRoot: path.dirname(file),
    now,
  });
  const needed = new Set(neededSecrets(parsed));
  const generated = generatesSecrets(parsed);
  return Object.fromEntries(
    SECRET_KEYS.map((key) => {
      const isSet =
        typeof value(key) === 'object' && value(key) !== null && 'secure' in (value(key) as object);
      const state: SecretState = !needed.has(key)
        ? 'not needed'
        : isSet
          ? 'set'
          : generated
            ? 'generated on up'
            : 'missing';
      return [key, state];
    }),
  ) as Record<SecretKey, SecretState>;
}
