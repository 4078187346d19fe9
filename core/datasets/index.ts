// Public surface of core/datasets.
export * from './coco';
export { DatasetRegistry, fingerprintOf } from './dataset-registry';
export type { DatasetInput, DatasetManifest } from './dataset-registry';
export { defaultDatasetsUri } from '../registry/local-paths';
