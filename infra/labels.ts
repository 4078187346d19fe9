// Pure helpers deriving the labels, annotations and AWS tags every resource of a stack carries
// (ownership, environment, and for ephemeral pr-<n> stacks the PR number and expiry).
import { LABELS, PART_OF, STACK_LABELS } from '../core/contract';
import type { StackConfig } from './config';

export interface StackMetadata {
  /** Kubernetes labels (values are label-safe). */
  readonly labels: Readonly<Record<string, string>>;
  /** Kubernetes annotations (free-form values such as the ISO expiry). */
  readonly annotations: Readonly<Record<string, string>>;
  /** AWS tags (same keys as the labels, plus user tags from config). */
  readonly tags: Readonly<Record<string, string>>;
}

/** Labels, annotations and tags for every resource of the stack. */
export function stackMetadata(config: StackConfig): StackMetadata {
  const labels: Record<string, string> = {
    [LABELS.partOf]: PART_OF,
    [LABELS.managedBy]: 'pulumi',
    [STACK_LABELS.environment]: config.environment,
    [STACK_LABELS.stack]: config.stack,
  };
  const annotations: Record<string, string> = {};
  if (config.mode === 'preview') {
    labels[STACK_LABELS.pr] = String(config.preview.prNumber);
    labels[STACK_LABELS.expires] = String(Math.floor(Date.parse(config.preview.expiresAt) / 1000));
    annotations[STACK_LABELS.expiresAt] = config.preview.expiresAt;
  }
  const tags = { ...config.tags, ...labels, ...annotations };
  return Object.freeze({
    labels: Object.freeze(labels),
    annotations: Object.freeze(annotations),
    tags: Object.freeze(tags),
  });
}

/** A Kubernetes object name: lowercase DNS-1123, at most 63 characters. */
export function k8sName(...parts: readonly string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return name.slice(0, 63).replace(/-$/, '');
}
