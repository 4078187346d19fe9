// Test helpers for synthesized charts: typed access to objects and their pod specs, and
// validation of every object against the Kubernetes schemas (kubernetes-models).
import * as path from 'node:path';
import type { Chart } from 'cdk8s';
import { Testing } from 'cdk8s';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  securityContext?: Record<string, unknown>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  ports?: { name?: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  env?: { name: string; value?: string }[];
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: Record<string, unknown>;
    automountServiceAccountToken?: boolean;
    serviceAccountName?: string;
    volumes?: { name: string; emptyDir?: unknown }[];
    nodeSelector?: Record<string, string>;
    tolerations?: unknown[];
  };
}

export function synth(chart: Chart): K8sObject[] {
  return Testing.synth(chart) as K8sObject[];
}

export function find(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.find(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ''} in chart`);
  return found;
}

/** Every pod template of the objects (Deployments, StatefulSets, Jobs, CronJobs). */
export function podTemplates(objects: K8sObject[]): { owner: string; template: PodTemplate }[] {
  const out: { owner: string; template: PodTemplate }[] = [];
  for (const o of objects) {
    const spec = o.spec as Record<string, unknown> | undefined;
    if (!spec) continue;
    if (o.kind === 'CronJob') {
      const jt = spec.jobTemplate as { spec: { template: PodTemplate } };
      out.push({ owner: `CronJob/${o.metadata.name}`, template: jt.spec.template });
    } else if (spec.template && typeof spec.template === 'object') {
      out.push({ owner: `${o.kind}/${o.metadata.name}`, template: spec.template as PodTemplate });
    }
  }
  return out;
}

const GROUP_MODULE: Record<string, string> = {
  v1: 'v1',
  'apps/v1': 'apps/v1',
  'batch/v1': 'batch/v1',
  'policy/v1': 'policy/v1',
  'autoscaling/v2': 'autoscaling/v2',
  'networking.k8s.io/v1': 'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1': 'rbac.authorization.k8s.io/v1',
};

interface Probe {
  httpGet?: { path: string; port: number | string };
  timeoutSeconds?: number;
  periodSeconds?: number;
}

type ModelClass = new (data: unknown) => { validate(): void };

// kubernetes-models 5 ships ES modules only (exports with an "import" condition alone), which
// jest's module system cannot load (it wraps node:module's createRequire too). Node's own require,
// reached through process.getBuiltinModule, loads an ES module by its file path (require of ESM,
// Node >= 22.12); the modules' own imports then resolve as ESM.
const nativeRequire = (
  process.getBuiltinModule('node:module') as typeof import('node:module')
).createRequire(__filename);
const MODELS_DIR = path.resolve(__dirname, '../../../node_modules/kubernetes-models');
const loadModels = (group: string) => nativeRequire(path.join(MODELS_DIR, group, 'index.js'));

/** Validates one object against its Kubernetes schema; throws naming the object on failure. */
export function validateObject(o: K8sObject): void {
  const mod = GROUP_MODULE[o.apiVersion];
  if (!mod) throw new Error(`no schema module for ${o.apiVersion}`);
  const Model = (loadModels(mod) as Record<string, ModelClass>)[o.kind];
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  try {
    new Model(o).validate();
  } catch (err) {
    throw new Error(`${o.kind}/${o.metadata.name}: ${(err as Error).message}`);
  }
}

/** Data keys whose content other modules generate (monitoring rules/dashboards/routing, the
 * serving model-config schema's defaults); snapshots mask them so they pin this chart's shape
 * only — targeted tests check the wiring. */
const EXTERNAL_DATA = /^(mlops-stack\.yaml|alertmanager\.yml|models\.yaml|.*\.json)$/;
const HASH_ANNOTATION = /-sha256$/;

export function forSnapshot(objects: K8sObject[]): unknown {
  return JSON.parse(JSON.stringify(objects), function (this: unknown, key: string, value: unknown) {
    if (typeof value !== 'string') return value;
    if (EXTERNAL_DATA.test(key) && key !== 'job.json') return '<generated elsewhere>';
    if (HASH_ANNOTATION.test(key)) return '<sha256>';
    return value;
  });
}
