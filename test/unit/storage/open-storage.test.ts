// Storage URIs, S3 settings from the environment and name/key validation: pure, no I/O.
import { FileStorage, S3Storage, openStorage, s3OptionsFromEnv } from '../../../core/storage';
import { InvalidArgumentError, validateKey, validateName } from '../../../core/storage/keys';

describe('openStorage', () => {
  it('opens file:// and s3:// URIs', () => {
    const file = openStorage('file:///var/lib/mlops/registry');
    expect(file).toBeInstanceOf(FileStorage);
    expect((file as FileStorage).root).toBe('/var/lib/mlops/registry');
    const s3 = openStorage('s3://my-bucket/team/registry/', { s3: s3OptionsFromEnv({}) });
    expect(s3).toBeInstanceOf(S3Storage);
    expect(s3.uri).toBe('s3://my-bucket/team/registry/');
    (s3 as S3Storage).destroy();
  });

  it('rejects other URIs naming the argument', () => {
    for (const uri of [
      'http://x',
      'registry',
      's3://Bad_Bucket',
      's3://bucket/../up',
      'file://relative',
    ])
      expect(() => openStorage(uri, { argument: '--registry' })).toThrow(/^invalid --registry:/);
  });
});

describe('s3OptionsFromEnv', () => {
  it('defaults to path-style when an endpoint is set (MinIO) and is frozen', () => {
    const o = s3OptionsFromEnv({ MLOPS_S3_ENDPOINT: 'http://127.0.0.1:9000' });
    expect(o).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      credentialsFile: undefined,
    });
    expect(Object.isFrozen(o)).toBe(true);
    expect(s3OptionsFromEnv({ AWS_REGION: 'eu-west-1' })).toMatchObject({
      region: 'eu-west-1',
      forcePathStyle: false,
    });
  });

  it('names the bad variable', () => {
    expect(() => s3OptionsFromEnv({ MLOPS_S3_ENDPOINT: 'minio:9000' })).toThrow(
      /^invalid MLOPS_S3_ENDPOINT/,
    );
    expect(() => s3OptionsFromEnv({ MLOPS_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /^invalid MLOPS_S3_FORCE_PATH_STYLE/,
    );
    expect(() => s3OptionsFromEnv({ MLOPS_S3_CREDENTIALS_FILE: 'creds.json' })).toThrow(
      /^invalid MLOPS_S3_CREDENTIALS_FILE/,
    );
  });
});

describe('names and keys', () => {
  it('accepts ordinary names and rejects traversal, empty and huge ones', () => {
    expect(validateName('name', 'centernet-coco')).toBe('centernet-coco');
    for (const bad of ['', '..', '../a', 'a/b', '-a', 'A', 'a b', 'x'.repeat(129), 'a..b'])
      expect(() => validateName('model', bad)).toThrow(InvalidArgumentError);
    expect(() => validateName('model', 'x'.repeat(129))).toThrow(/^invalid model: 129 characters/);
  });

  it('rejects keys with empty, relative or reserved segments', () => {
    expect(validateKey('key', 'models/a/1/model.json')).toBe('models/a/1/model.json');
    for (const bad of [
      '',
      '/abs',
      'a//b',
      'a/./b',
      'a/../b',
      'a\\b',
      'a/.mlops-lock-x',
      'nul\u0000',
    ])
      expect(() => validateKey('key', bad)).toThrow(InvalidArgumentError);
  });
});
