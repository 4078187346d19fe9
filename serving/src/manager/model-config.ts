// Which models the service serves and how (like TF Serving's model config file): version
// policy, labels, canary split and shadow mirroring. Parsed once from JSON/YAML and validated.
import * as fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const label = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'labels are lowercase words (a-z, 0-9, -)');

const servedModel = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'invalid model name'),
    /** latest: the newest committed version; specific: exactly these versions. */
    versionPolicy: z
      .union([
        z.literal('latest'),
        z.object({ specific: z.array(z.number().int().positive()).min(1) }),
      ])
      .default('latest'),
    /** Fixed labels → versions; registry aliases listed in `aliases` are followed on reload. */
    labels: z.record(label, z.number().int().positive()).default({}),
    aliases: z.array(label).default(['production', 'staging', 'stable', 'canary']),
    /** Share (0..1) of unpinned requests routed to the version behind `label`. */
    canary: z.object({ label, weight: z.number().min(0).max(1) }).optional(),
    /** Share (0..1) of requests mirrored to `label`; results are recorded, never returned. */
    shadow: z.object({ label, fraction: z.number().min(0).max(1) }).optional(),
    /**
     * What answers requests that name no version or label (and are not in the canary share): a
     * label or a version. Required when `versionPolicy` pins several versions; with one pin it is
     * that version; under `latest` it is the `stable` or `production` label when loaded, else the
     * latest version.
     */
    default: z.union([label, z.number().int().positive()]).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.versionPolicy === 'latest') return;
    const pins = m.versionPolicy.specific;
    if (pins.length > 1 && m.default === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `versionPolicy pins ${pins.join(', ')}: say which answers unpinned requests (default: a label or one of the versions)`,
      });
    }
    if (typeof m.default === 'number' && !pins.includes(m.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `default ${m.default} is not among the pinned versions ${pins.join(', ')}`,
      });
    }
  });

export const modelConfigSchema = z.object({ models: z.array(servedModel).min(1) }).strict();

export type ServedModelConfig = z.infer<typeof servedModel>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;

/** Validates a parsed document; errors name the offending path (e.g. models.0.canary.weight). */
export function parseModelConfig(doc: unknown, source = 'model config'): ModelConfig {
  const result = modelConfigSchema.safeParse(doc);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid ${source}: ${issues.join('; ')}`);
  }
  return Object.freeze(result.data);
}

export function loadModelConfigFile(file: string): ModelConfig {
  const text = fs.readFileSync(file, 'utf8');
  const doc: unknown = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  return parseModelConfig(doc, file);
}

/** Serves one model at its latest version (the `npm start` default). */
export function singleModelConfig(name: string): ModelConfig {
  return parseModelConfig({ models: [{ name }] });
}
