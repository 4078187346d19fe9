// Runs the Dataset suite on the filesystem backend (MinIO: test/integration/registry).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStorage } from '../../../core/storage/fs-storage';
import { defineDatasetParity } from './dataset-parity';

describe('DatasetRegistry: filesystem', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });
  defineDatasetParity(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-datasets-'));
    dirs.push(dir);
    return new FileStorage(dir);
  });
});
