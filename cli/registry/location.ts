// Where the CLI's registry, datasets and run metadata live: --registry/--datasets flags, else the
// MLOPS_* environment variables, else the local defaults shared with serving (core/registry/
// local-paths). S3 settings are parsed once from the environment here.
import { ENV } from '../../core/contract';
import { DatasetRegistry } from '../../core/datasets/dataset-registry';
import { ModelRegistry } from '../../core/registry/model-registry';
import { defaultDatasetsUri, defaultRegistryUri } from '../../core/registry/local-paths';
import { openStorage } from '../../core/storage/open-storage';
import { s3OptionsFromEnv } from '../../core/storage/s3-options';
import { cliErrorFrom } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

export function openRegistry(flag: string | undefined, env: Env = process.env): ModelRegistry {
  try {
    const uri = flag ?? env[ENV.registryUri] ?? defaultRegistryUri();
    const argument =
      flag !== undefined ? '--registry' : env[ENV.registryUri] ? ENV.registryUri : 'uri';
    return new ModelRegistry(openStorage(uri, { s3: s3OptionsFromEnv(env), argument }));
  } catch (error) {
    throw cliErrorFrom(error);
  }
}

export function openDatasets(flag: string | undefined, env: Env = process.env): DatasetRegistry {
  try {
    const uri = flag ?? env[ENV.datasetsUri] ?? defaultDatasetsUri();
    const argument =
      flag !== undefined ? '--datasets' : env[ENV.datasetsUri] ? ENV.datasetsUri : 'uri';
    return new DatasetRegistry(openStorage(uri, { s3: s3OptionsFromEnv(env), argument }));
  } catch (error) {
    throw cliErrorFrom(error);
  }
}
