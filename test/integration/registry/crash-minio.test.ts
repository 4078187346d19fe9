// Crash injection on a real MinIO server: ≥ 20 SIGKILLs of a publishing process (S3 API).
import { S3Storage } from '../../../core/storage/s3-storage';
import { minioMissing, startMinio, type RunningMinio } from '../../helpers/minio';
import { describeWhen } from '../../helpers/requirements';
import { runCrashInjection } from './crash-injection';

describeWhen(minioMissing())('registry crash injection: MinIO', () => {
  let minio: RunningMinio;
  beforeAll(async () => {
    minio = await startMinio();
  }, 60_000);
  afterAll(async () => {
    await minio?.stop();
  });

  it('stays consistent across 20 kill -9 of a publisher', async () => {
    const storage = new S3Storage(minio.bucket, 'crash', minio.s3);
    try {
      const report = await runCrashInjection({
        storage,
        uri: `s3://${minio.bucket}/crash`,
        runs: 20,
        maxDelayMs: 800,
        env: minio.env,
      });
      process.stdout.write(`crash injection (MinIO): ${JSON.stringify(report)}\n`);
      expect(report.runs).toBe(20);
      expect(report.versionsCommitted).toBeGreaterThan(0);
      expect(report.killsMidPublish).toBeGreaterThan(0);
    } finally {
      storage.destroy();
    }
  }, 400_000);
});
