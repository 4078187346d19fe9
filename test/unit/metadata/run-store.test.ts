// Runs the RunStore suite on the filesystem backend (MinIO: test/integration/registry).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStorage } from '../../../core/storage/fs-storage';
import { defineRunStoreParity } from './run-store-parity';

describe('RunStore: filesystem', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });
  defineRunStoreParity(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-runs-'));
    dirs.push(dir);
    return new FileStorage(dir);
  });
});
