// Props every platform chart takes, and the identity/label helper they share.
import { standardLabels, type ComponentIdentity } from '../../core/chart-support';
import type { ImageVersion } from '../../core/versions';

export interface PlatformChartProps {
  /** Namespace of the platform service. */
  readonly namespace: string;
  /** Environment name; staging and prod require image digests. */
  readonly environment: string;
  /** app.kubernetes.io/instance and the object names. @default the component name */
  readonly instance?: string;
  /** @default the component's entry in IMAGES (core/versions.ts) */
  readonly image?: ImageVersion;
  /** Extra labels on every object (stack, environment, PR…). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export function platformIdentity(
  props: PlatformChartProps,
  name: string,
  component: string,
  image: ImageVersion,
): { identity: ComponentIdentity; labels: Record<string, string> } {
  const identity = { name, instance: props.instance ?? name, component, version: image.tag };
  return { identity, labels: standardLabels(identity, props.labels) };
}
