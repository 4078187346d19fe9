// Public surface of core/metadata (the ML metadata store).
export * from './types';
export { RunStore, newRunId, type StartRun } from './run-store';
export { defaultMetadataUri } from '../registry/local-paths';
