// RegistryChart: the CNCF distribution registry (registry:2) for local and on-prem stacks, one
// replica on a persistent volume. Nodes pull from its Service address.
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { IMAGES, imageRef } from '../../core/versions';
import { platformIdentity, type PlatformChartProps } from './platform-props';
import { claimTemplate, platformWorkload, scratch } from './platform-workload';

export interface RegistryChartProps extends PlatformChartProps {
  /** Size of the image store. @default 10 */
  readonly storageGi?: number;
  /** @default cluster default */
  readonly storageClassName?: string;
}

export const REGISTRY_PORT = 5000;

export class RegistryChart extends Chart {
  /** `host:port` of the registry inside the cluster. */
  public readonly address: string;

  constructor(scope: Construct, id: string, props: RegistryChartProps) {
    const image = props.image ?? IMAGES.registry;
    const { identity, labels } = platformIdentity(props, 'registry', 'image-registry', image);
    super(scope, id, { namespace: props.namespace, labels, disableResourceNameHashes: true });
    this.address = platformWorkload(this, {
      identity,
      namespace: props.namespace,
      labels,
      // The image has no user of its own; any uid works once the data volume is group-writable.
      uid: 1000,
      image: imageRef('registry', image, props.environment),
      ports: [{ name: 'http', port: REGISTRY_PORT }],
      env: [
        { name: 'REGISTRY_HTTP_ADDR', value: `:${REGISTRY_PORT}` },
        { name: 'REGISTRY_STORAGE_DELETE_ENABLED', value: 'true' },
        { name: 'REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY', value: '/var/lib/registry' },
      ],
      volumeMounts: [
        { name: 'data', mountPath: '/var/lib/registry' },
        { name: 'tmp', mountPath: '/tmp' },
      ],
      volumes: [scratch('tmp', 64)],
      volumeClaimTemplates: [claimTemplate('data', props.storageGi ?? 10, props.storageClassName)],
      healthPath: { ready: '/v2/', live: '/v2/' },
      resources: {
        cpuRequestMillis: 50,
        cpuLimitMillis: 500,
        memoryRequestMiB: 64,
        memoryLimitMiB: 256,
      },
    });
  }
}
