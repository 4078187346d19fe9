// A damaged metadata.json of a committed version is an error that names the file, not a cast of
// whatever JSON.parse returns (or a bare SyntaxError without a path).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelRegistry } from '../../../core/registry';
import { FileStorage } from '../../../core/storage';
import { sampleFiles, sampleMetadata } from './fixtures';

describe('corrupt metadata', () => {
  it('names the damaged file for truncated JSON and for JSON that is not an object', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corrupt-metadata-'));
    try {
      const registry = new ModelRegistry(new FileStorage(dir));
      const v = await registry.publish('m', sampleFiles('a'), sampleMetadata());
      const file = path.join(dir, 'models', 'm', String(v), 'metadata.json');
      await expect(registry.getMetadata('m', v)).resolves.toMatchObject({ format: 'tfjs-graph' });
      await fs.writeFile(file, '{"format": "tfjs-gr');
      await expect(registry.getMetadata('m', v)).rejects.toThrow(
        /models\/m\/\d+\/metadata\.json is corrupt/,
      );
      await fs.writeFile(file, '[1, 2]');
      await expect(registry.getMetadata('m', v)).rejects.toThrow(/is corrupt: not a JSON object/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
