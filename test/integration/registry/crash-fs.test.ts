// Crash injection on the filesystem backend: ≥ 20 SIGKILLs of a publishing process.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileStorage } from '../../../core/storage/fs-storage';
import { runCrashInjection } from './crash-injection';

describe('registry crash injection: filesystem', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-crash-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('stays consistent across 24 kill -9 of a publisher', async () => {
    const report = await runCrashInjection({
      storage: new FileStorage(dir),
      uri: pathToFileURL(dir).href,
      runs: 24,
      maxDelayMs: 600,
    });
    process.stdout.write(`crash injection (filesystem): ${JSON.stringify(report)}\n`);
    expect(report.runs).toBe(24);
    expect(report.versionsCommitted).toBeGreaterThan(0);
    expect(report.killsMidPublish).toBeGreaterThan(0);
  }, 300_000);
});
