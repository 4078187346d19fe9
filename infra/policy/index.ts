// Entry point of the policy pack (`pulumi preview --policy-pack infra/policy`): wires the
// policies to the real model registry. S3 settings come from the environment, read once here.
import { PolicyPack } from '@pulumi/policy';
import { ModelRegistry } from '../../core/registry';
import { openStorage, s3OptionsFromEnv } from '../../core/storage';
import { mlopsPolicies } from './policies';
import { registryLookup } from './registry-lookup';

const s3 = s3OptionsFromEnv(process.env);

new PolicyPack('mlops-stack', {
  policies: mlopsPolicies((uri) =>
    registryLookup(new ModelRegistry(openStorage(uri, { s3, argument: 'registryUri' }))),
  ),
});
