// The config of an ephemeral pr-<n> stack: it reuses a platform stack (StackReference) and expires
// after a time to live, after which the reaper destroys it.
import { stringify } from 'yaml';
import { PROJECT } from './stack-file';

export interface PrStackOptions {
  readonly prNumber: number;
  /** Fully qualified platform stack: <org>/<project>/<stack> (organization is 'organization' on file backends). */
  readonly platformStack: string;
  readonly ttlHours: number;
  readonly servingImage: string;
  readonly trainingImage: string;
  readonly now?: Date;
}

export function prStackName(prNumber: number): string {
  return `pr-${prNumber}`;
}

export function prStackYaml(o: PrStackOptions): string {
  if (!Number.isInteger(o.prNumber) || o.prNumber < 1)
    throw new Error(`PR number must be a positive integer, got ${o.prNumber}`);
  if (!/^[^/]+\/[^/]+\/[^/]+$/.test(o.platformStack))
    throw new Error(`--platform must be <org>/<project>/<stack>, got "${o.platformStack}"`);
  if (!(o.ttlHours > 0 && o.ttlHours <= 24 * 30))
    throw new Error(`--ttl-hours must be between 0 and 720, got ${o.ttlHours}`);
  const expiresAt = new Date(
    (o.now ?? new Date()).getTime() + o.ttlHours * 3_600_000,
  ).toISOString();
  const header = `# Ephemeral stack of pull request #${o.prNumber}; expires ${expiresAt} (the reaper destroys it).\n`;
  return (
    header +
    stringify(
      {
        config: {
          [`${PROJECT}:environment`]: 'dev',
          [`${PROJECT}:preview`]: {
            platformStack: o.platformStack,
            prNumber: o.prNumber,
            expiresAt,
          },
          [`${PROJECT}:serving`]: { image: o.servingImage, replicas: 1 },
          [`${PROJECT}:training`]: { image: o.trainingImage, enabled: false },
        },
      },
      // Quoted: Pulumi's YAML reader turns an unquoted ISO date into Go's time format.
      { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
    )
  );
}
