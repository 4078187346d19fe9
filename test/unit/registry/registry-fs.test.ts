// The registry parity suite on the filesystem backend.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStorage } from '../../../core/storage/fs-storage';
import { defineRegistryParity } from './parity-suite';

describe('registry parity: filesystem', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });
  defineRegistryParity(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-registry-'));
    dirs.push(dir);
    return new FileStorage(dir);
  });
});
