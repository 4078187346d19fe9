// Pure readers for Kubernetes objects as policies see them (resource props): the pod spec of any
// workload kind, its containers, and the labels the stack stamps on every object.
import { STACK_LABELS } from '../../core/contract';

export interface SecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
}

export interface Container {
  readonly name?: string;
  readonly image?: string;
  readonly securityContext?: SecurityContext;
  readonly resources?: { readonly limits?: Readonly<Record<string, unknown>> };
}

export interface PodSpec {
  readonly securityContext?: SecurityContext;
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
}

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The props of a Kubernetes object, loosely typed: policies read what they need. */
export interface K8sProps {
  readonly metadata?: ObjectMeta;
  readonly spec?: {
    readonly template?: { readonly metadata?: ObjectMeta; readonly spec?: PodSpec };
    readonly jobTemplate?: { readonly spec?: { readonly template?: { readonly spec?: PodSpec } } };
    readonly selector?: { readonly matchLabels?: Readonly<Record<string, string>> };
  } & PodSpec;
}

const TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

/** The Kubernetes kind of a Pulumi type token (kubernetes:apps/v1:Deployment → Deployment). */
export function kindOf(type: string): string | undefined {
  return type.startsWith('kubernetes:') ? type.split(':')[2] : undefined;
}

/** The pod spec of a workload object; undefined for kinds that run no pods. */
export function podSpecOf(type: string, props: K8sProps): PodSpec | undefined {
  const kind = kindOf(type);
  if (kind === 'Pod') return props.spec;
  if (kind === 'CronJob') return props.spec?.jobTemplate?.spec?.template?.spec;
  if (kind !== undefined && TEMPLATE_KINDS.includes(kind)) return props.spec?.template?.spec;
  return undefined;
}

export function containersOf(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

/** The environment label the stack puts on every object (local|dev|staging|prod). */
export function environmentOf(props: K8sProps): string | undefined {
  return props.metadata?.labels?.[STACK_LABELS.environment];
}

export function isStrictEnvironment(environment: string | undefined): boolean {
  return environment === 'staging' || environment === 'prod';
}
