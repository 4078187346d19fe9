// Helpers calling policies' validate functions directly, collecting the reported violations.
import type {
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';

export async function violationsOf(
  policy: ResourceValidationPolicy,
  type: string,
  props: object,
  config: object = {},
): Promise<string[]> {
  const found: string[] = [];
  const args = {
    type,
    props,
    urn: `urn:pulumi:s::p::${type}::x`,
    name: 'x',
    getConfig: () => config,
  };
  const validations = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource];
  for (const validate of validations) {
    if (!validate) continue;
    await validate(args as unknown as ResourceValidationArgs, (message) => found.push(message));
  }
  return found;
}

export async function stackViolationsOf(
  policy: StackValidationPolicy,
  resources: readonly object[],
): Promise<string[]> {
  const found: string[] = [];
  const args = { resources, getConfig: () => ({}) };
  await policy.validateStack(args as unknown as StackValidationArgs, (message) =>
    found.push(message),
  );
  return found;
}

export const DIGEST = `sha256:${'b'.repeat(64)}`;

/** A Deployment as the stack renders it; override parts per test. */
export function deployment(options: {
  environment?: string;
  image?: string;
  runAsNonRoot?: boolean;
  limits?: Record<string, string>;
  annotations?: Record<string, string>;
  name?: string;
}): object {
  return {
    metadata: {
      name: options.name ?? 'serving',
      namespace: 'mlops',
      labels: {
        'mlops-stack.io/environment': options.environment ?? 'prod',
        'app.kubernetes.io/name': options.name ?? 'serving',
      },
      annotations: options.annotations ?? {},
    },
    spec: {
      template: {
        metadata: {
          labels: { 'app.kubernetes.io/name': 'serving', 'app.kubernetes.io/instance': 'serving' },
        },
        spec: {
          securityContext: { runAsNonRoot: options.runAsNonRoot ?? true, runAsUser: 10001 },
          containers: [
            {
              name: 'serving',
              image: options.image ?? `registry/serving@${DIGEST}`,
              resources: { limits: options.limits ?? { cpu: '2', memory: '1Gi' } },
            },
          ],
        },
      },
    },
  };
}
