// parseStackConfig: defaults, freezing, mode from config, and errors that name the bad key.
import { parseStackConfig, StackConfigError } from '../../../infra/config';
import { context, eksRaw, localRaw, previewRaw } from './fixtures/configs';

function problemsOf(raw: object, stack = 'local'): string {
  try {
    parseStackConfig(raw, context(stack));
  } catch (error) {
    expect(error).toBeInstanceOf(StackConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

function without<T extends object>(raw: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...raw };
  delete copy[key];
  return copy;
}

describe('parseStackConfig', () => {
  it('fills defaults for a local stack and resolves the kubeconfig against the repo', () => {
    const config = parseStackConfig(localRaw, context('local'));
    expect(config.mode).toBe('platform');
    if (config.mode !== 'platform') return;
    expect(config.cluster).toEqual({
      kind: 'local',
      kubeconfigPath: '/repo/.data/cluster/kubeconfig',
    });
    expect(config.registry).toEqual({ kind: 'in-cluster' });
    expect(config.storage).toEqual({ kind: 'minio', bucket: 'mlops', sizeGi: 10 });
    expect(config.serving.replicas).toBe(1);
    expect(config.serving.model).toEqual({ name: 'centernet-coco' });
  });

  it('returns a deeply frozen object', () => {
    const config = parseStackConfig(localRaw, context('local'));
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.serving.model)).toBe(true);
  });

  it('parses an AWS stack with typed numbers and booleans from strings', () => {
    const config = parseStackConfig(eksRaw, context('prod'));
    if (config.mode !== 'platform' || config.cluster.kind !== 'eks')
      throw new Error('eks expected');
    expect(config.cluster.nodeGroups[0]).toMatchObject({
      minSize: 2,
      diskSizeGiB: 50,
      capacityType: 'ON_DEMAND',
    });
    expect(config.cluster.gpuNodeGroup).toEqual({
      instanceTypes: ['g5.xlarge'],
      minSize: 0,
      maxSize: 2,
      desiredSize: 0,
      diskSizeGiB: 100,
    });
    expect(config.training.gpu).toBe(true);
    expect(config.storage).toMatchObject({ kind: 's3', previewExpirationDays: 7 });
  });

  it('names the key of an invalid enum value', () => {
    const message = problemsOf({ ...localRaw, cluster: { kind: 'kind' } });
    expect(message).toContain('mlops-stack:cluster.kind must be one of local|existing|eks');
  });

  it('names missing and mistyped keys', () => {
    expect(problemsOf(without(localRaw, 'serving'))).toContain('mlops-stack:serving is required');
    expect(problemsOf({ ...localRaw, environment: 'qa' })).toContain(
      'mlops-stack:environment must be one of local|dev|staging|prod',
    );
    expect(problemsOf({ ...localRaw, namespace: 'Bad_NS' })).toContain('mlops-stack:namespace');
  });

  it('requires digest-pinned images and a pinned model in prod', () => {
    const message = problemsOf({
      ...eksRaw,
      serving: { image: 'example/serving:latest' },
      training: { image: 'example/training:1.0' },
    });
    expect(message).toContain('mlops-stack:serving.image must be pinned by digest');
    expect(message).toContain('mlops-stack:training.image must be pinned by digest');
    expect(message).toContain('mlops-stack:serving.model.version is required in prod');
  });

  it('requires aws.region when anything runs on AWS', () => {
    expect(problemsOf(without(eksRaw, 'aws'), 'prod')).toContain(
      'mlops-stack:aws.region is required',
    );
  });

  it('derives the ephemeral mode from the preview config', () => {
    const config = parseStackConfig(previewRaw, context('pr-42'));
    expect(config.mode).toBe('preview');
    if (config.mode !== 'preview') return;
    expect(config.namespace).toBe('pr-42');
    expect(config.preview.prNumber).toBe(42);
    expect(config.training.enabled).toBe(false);
    // The name alone does not make a stack ephemeral: a preview stack may have any name.
    expect(parseStackConfig(previewRaw, context('review-app')).mode).toBe('preview');
  });

  it('rejects inconsistent or expired ephemeral stacks', () => {
    expect(problemsOf(localRaw, 'pr-7')).toContain('mlops-stack:preview is required');
    expect(problemsOf(previewRaw, 'pr-7')).toContain('mlops-stack:preview.prNumber is 42');
    const expired = {
      ...previewRaw,
      preview: { ...previewRaw.preview, expiresAt: '2026-01-01T00:00:00Z' },
    };
    expect(problemsOf(expired, 'pr-42')).toContain('mlops-stack:preview.expiresAt');
    const badRef = { ...previewRaw, preview: { ...previewRaw.preview, platformStack: 'dev' } };
    expect(problemsOf(badRef, 'pr-42')).toContain(
      'mlops-stack:preview.platformStack must be <org>/<project>/<stack>',
    );
  });
});
