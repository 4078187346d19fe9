// LocalVolumes: persistent storage for the toolchain's local cluster, which has kwok nodes and no
// storage provisioner. A default StorageClass with static binding plus a small pool of hostPath
// PersistentVolumes: the controller-manager's volume binder binds each StatefulSet claim
// (MinIO, registry, Prometheus) to a free volume of the pool, so their pods schedule and become
// ready, and the same charts run unchanged on real clusters with real provisioners.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

export interface LocalVolumesArgs {
  readonly provider: k8s.Provider;
  /** Volumes in the pool: one per claim the platform charts make, plus headroom. @default 4 */
  readonly count?: number;
  /** Capacity of each volume (at least the largest claim). @default 64 */
  readonly sizeGi?: number;
  readonly labels?: Readonly<Record<string, string>>;
}

export const LOCAL_STORAGE_CLASS = 'mlops-local';

export class LocalVolumes extends pulumi.ComponentResource {
  public readonly storageClass: k8s.storage.v1.StorageClass;
  public readonly volumes: k8s.core.v1.PersistentVolume[];

  constructor(name: string, args: LocalVolumesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:k8s:LocalVolumes', name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const labels = { ...args.labels };
    this.storageClass = new k8s.storage.v1.StorageClass(
      name,
      {
        metadata: {
          name: LOCAL_STORAGE_CLASS,
          labels,
          // Claims that name no class get this one (DefaultStorageClass admission).
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'kubernetes.io/no-provisioner',
        volumeBindingMode: 'Immediate',
        reclaimPolicy: 'Delete',
      },
      child,
    );
    const size = `${args.sizeGi ?? 64}Gi`;
    this.volumes = Array.from(
      { length: args.count ?? 4 },
      (_, i) =>
        new k8s.core.v1.PersistentVolume(
          `${name}-${i}`,
          {
            metadata: { name: `${LOCAL_STORAGE_CLASS}-${i}`, labels },
            spec: {
              storageClassName: LOCAL_STORAGE_CLASS,
              capacity: { storage: size },
              accessModes: ['ReadWriteOnce'],
              persistentVolumeReclaimPolicy: 'Retain',
              hostPath: { path: `/var/lib/${LOCAL_STORAGE_CLASS}/${i}`, type: 'DirectoryOrCreate' },
            },
          },
          { ...child, dependsOn: [this.storageClass] },
        ),
    );
    this.registerOutputs({ storageClass: LOCAL_STORAGE_CLASS, volumes: this.volumes.length });
  }
}
