// Pulumi entry point: reads the stack config once, builds the platform or ephemeral stack from
// the project's charts, and exports the stack outputs. Nothing else lives here.
import { chartFactories } from './chart-factories';
import { loadStackConfig } from './config';
import { readKubeconfig } from './kubeconfig';
import { buildPlatformStack } from './platform-stack';
import { buildPreviewStack } from './preview-stack';

const { config, secrets } = loadStackConfig();
const outputs =
  config.mode === 'preview'
    ? buildPreviewStack(config, secrets, { charts: chartFactories })
    : buildPlatformStack(config, secrets, { charts: chartFactories, readKubeconfig });

export const serviceUrl = outputs.serviceUrl;
export const grafanaUrl = outputs.grafanaUrl;
export const registryUrl = outputs.registryUrl;
export const bucket = outputs.bucket;
export const storageEndpoint = outputs.storageEndpoint;
export const storagePrefix = outputs.storagePrefix;
export const storageRegion = outputs.storageRegion;
export const namespace = outputs.namespace;
export const kubeconfig = outputs.kubeconfig;
export const storageAccessKey = outputs.storageAccessKey;
export const storageSecretKey = outputs.storageSecretKey;
export const mode = config.mode;
export const environment = config.environment;
