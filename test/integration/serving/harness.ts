// Builds a real serving service for integration tests: a temporary file registry with the
// default model imported (as version 1, plus optional extra versions), the inference engine on
// the native backend (wasm without tfjs-node), and the app ready for app.inject.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseServingConfig } from '../../../serving/src/config';
import type { ModelConfig } from '../../../serving/src/manager/model-config';
import { DEFAULT_SERVED_MODEL, type ServingConfig } from '../../../serving/src/config';
import { defaultModelFiles, defaultModelMetadata } from '../../../core/detection/default-model';
import { ModelRegistry } from '../../../core/registry';
import { FileStorage } from '../../../core/storage';
import { createService, type Service } from '../../../serving/src/service';
import type { ModelSource } from '../../../serving/src/models/model-source';

export const MODEL = DEFAULT_SERVED_MODEL;
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface Harness extends Service {
  readonly source: ModelRegistry;
  readonly registryDir: string;
  /** Publishes the default model's files again as the next version. */
  readonly publishVersion: () => Promise<number>;
  readonly dispose: () => Promise<void>;
}

export async function startHarness(
  opts: {
    versions?: number;
    modelConfig?: ModelConfig;
    env?: NodeJS.ProcessEnv;
    /** Drift baseline recorded in every published version's metadata. */
    baseline?: Record<string, unknown>;
    /** Leave the first registry sync to the test (start-up behaviour). */
    skipSync?: boolean;
    /** What the service reads the registry through (tests: a listing that fails). */
    view?: (registry: ModelRegistry) => ModelSource;
  } = {},
): Promise<Harness> {
  const registryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'serving-registry-'));
  const source = new ModelRegistry(new FileStorage(registryDir));
  const publishVersion = () =>
    source.publish(MODEL, defaultModelFiles(), {
      ...defaultModelMetadata(MODEL),
      ...(opts.baseline ? { baseline: opts.baseline } : {}),
    });
  for (let i = 0; i < (opts.versions ?? 1); i++) await publishVersion();
  const config: ServingConfig = parseServingConfig({
    MLOPS_REGISTRY_URI: `file://${registryDir}`,
    MLOPS_ADMIN_TOKEN: ADMIN_TOKEN,
    MLOPS_POLL_INTERVAL_MS: '0',
    MLOPS_MODEL_CACHE_DIR: path.join(registryDir, 'cache'),
    ...opts.env,
  });
  const service = await createService({
    config,
    source: opts.view ? opts.view(source) : source,
    modelConfig: opts.modelConfig,
  });
  if (!opts.skipSync) await service.manager.sync();
  return {
    ...service,
    source,
    registryDir,
    publishVersion,
    dispose: async () => {
      await service.app.close();
      await service.close();
      fs.rmSync(registryDir, { recursive: true, force: true });
    },
  };
}
