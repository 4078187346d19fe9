// The registry parity suite on a real MinIO server (skips with a reason when minio is missing).
import { S3Storage } from '../../../core/storage/s3-storage';
import { minioMissing, startMinio, type RunningMinio } from '../../helpers/minio';
import { describeWhen } from '../../helpers/requirements';
import { defineDatasetParity } from '../../unit/datasets/dataset-parity';
import { defineRunStoreParity } from '../../unit/metadata/run-store-parity';
import { defineRegistryParity } from '../../unit/registry/parity-suite';

describeWhen(minioMissing())('registry parity: MinIO (S3 API)', () => {
  let minio: RunningMinio;
  const opened: S3Storage[] = [];
  let run = 0;

  beforeAll(async () => {
    minio = await startMinio();
  }, 60_000);
  afterAll(async () => {
    for (const s of opened) s.destroy();
    await minio?.stop();
  });

  // A fresh prefix per test keeps the tests independent inside one bucket.
  const fresh = async () => {
    const storage = new S3Storage(minio.bucket, `parity-${++run}`, minio.s3);
    opened.push(storage);
    return storage;
  };
  describe('models', () => defineRegistryParity(fresh));
  describe('datasets', () => defineDatasetParity(fresh));
  describe('runs', () => defineRunStoreParity(fresh));
});
