// The registry/storage behaviour both backends must share. registry-fs.test.ts runs it on the
// filesystem, test/integration/registry runs it on a real MinIO server.
import { AliasConflictError, ModelRegistry } from '../../../core/registry';
import { InvalidArgumentError } from '../../../core/storage/keys';
import type { Storage } from '../../../core/storage/types';
import { PreconditionFailedError } from '../../../core/storage/types';
import { sampleFiles, sampleMetadata } from './fixtures';

export type StorageFactory = () => Promise<Storage>;

export function defineRegistryParity(makeStorage: StorageFactory): void {
  let storage: Storage;
  let registry: ModelRegistry;

  beforeEach(async () => {
    storage = await makeStorage();
    registry = new ModelRegistry(storage);
  });

  describe('storage', () => {
    it('honours If-None-Match and If-Match', async () => {
      const first = await storage.put('a/b.json', Buffer.from('1'), { ifNoneMatch: true });
      await expect(
        storage.put('a/b.json', Buffer.from('2'), { ifNoneMatch: true }),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      const second = await storage.put('a/b.json', Buffer.from('3'), { ifMatch: first.etag });
      await expect(
        storage.put('a/b.json', Buffer.from('4'), { ifMatch: first.etag }),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      const read = await storage.getWithInfo('a/b.json');
      expect(read.body.toString()).toBe('3');
      expect(read.info.etag).toBe(second.etag);
      expect((await storage.head('a/b.json'))?.etag).toBe(second.etag);
    });

    it('lists by prefix, copies and deletes', async () => {
      await storage.put('p/x/1', Buffer.from('one'));
      await storage.put('p/x/2', Buffer.from('two'));
      await storage.put('p/y', Buffer.from('y'));
      await storage.put('q', Buffer.from('q'));
      expect((await storage.list('p/x/')).map((o) => o.key)).toEqual(['p/x/1', 'p/x/2']);
      expect((await storage.list('p/')).map((o) => o.key)).toEqual(['p/x/1', 'p/x/2', 'p/y']);
      await storage.copy('p/y', 'r/y');
      expect((await storage.get('r/y')).toString()).toBe('y');
      await storage.delete('p/x/1');
      await storage.delete('p/x/does-not-exist');
      expect((await storage.list('p/')).map((o) => o.key)).toEqual(['p/x/2', 'p/y']);
      expect(await storage.head('p/x/1')).toBeUndefined();
    });

    it('rejects keys that escape the root', async () => {
      await expect(storage.get('../etc/passwd')).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(storage.put('a//b', Buffer.from(''))).rejects.toBeInstanceOf(
        InvalidArgumentError,
      );
    });
  });

  describe('registry', () => {
    it('publishes versions that list, read back and resolve', async () => {
      const files = sampleFiles('v1');
      expect(await registry.publish('det', files, sampleMetadata())).toBe(1);
      expect(await registry.publish('det', sampleFiles('v2'), sampleMetadata())).toBe(2);
      expect(await registry.listModels()).toEqual(['det']);
      expect(await registry.listVersions('det')).toEqual([1, 2]);
      const meta = await registry.getMetadata('det', 1);
      expect(meta).toMatchObject({ name: 'det', version: 1, entry: 'model.json' });
      expect(Object.keys(meta.files).sort()).toEqual(Object.keys(files).sort());
      expect(await registry.readFile('det', 1, 'group1-shard1of1.bin')).toEqual(
        files['group1-shard1of1.bin'],
      );
      expect(await registry.resolve('det')).toBe(2);
      expect(await registry.resolve('det', { version: 1 })).toBe(1);
      await expect(registry.resolve('det', { version: 3 })).rejects.toThrow(/no version 3/);
      await expect(registry.resolve('other')).rejects.toThrow(/no versions/);
      // nothing of the staging upload is left behind
      expect((await storage.list('models/det/_staging/')).length).toBe(0);
    });

    it('promotes, rolls back and reports the change token', async () => {
      for (const tag of ['a', 'b', 'c'])
        await registry.publish('det', sampleFiles(tag), sampleMetadata());
      const r0 = await registry.revision('det');
      await registry.setAlias('det', 'production', 1);
      const r1 = await registry.revision('det');
      expect(r1).not.toBe(r0);
      expect(await registry.revision('det')).toBe(r1);
      await registry.setAlias('det', 'production', 3);
      expect(await registry.resolve('det', { alias: 'production' })).toBe(3);
      expect(await registry.rollback('det', 'production')).toEqual({ from: 3, to: 1 });
      expect(await registry.resolveAlias('det', 'production')).toBe(1);
      await expect(registry.rollback('det', 'production')).rejects.toThrow(/no earlier version/);
      await expect(registry.setAlias('det', 'production', 9)).rejects.toThrow(/no version 9/);
      await expect(
        registry.setAlias('det', 'production', 2, { expectedVersion: 3 }),
      ).rejects.toBeInstanceOf(AliasConflictError);
      await registry.publish('det', sampleFiles('d'), sampleMetadata());
      expect(await registry.revision('det')).not.toBe(await registry.revision('other'));
    });

    it('gives two concurrent publishers distinct versions with their own files', async () => {
      const other = new ModelRegistry(storage);
      const publishMany = (reg: ModelRegistry, who: string) =>
        Promise.all(
          [0, 1, 2, 3].map((i) =>
            reg
              .publish('det', sampleFiles(`${who}${i}`), sampleMetadata())
              .then((v) => [v, `${who}${i}`] as const),
          ),
        );
      const results = [...(await publishMany(registry, 'p')), ...(await publishMany(other, 'q'))];
      const versions = results.map(([v]) => v).sort((a, b) => a - b);
      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      for (const [version, tag] of results)
        expect(await registry.readFile('det', version, 'model.json')).toEqual(
          sampleFiles(tag)['model.json'],
        );
    });

    it('loses no update between two concurrent promoters', async () => {
      for (const tag of ['a', 'b', 'c'])
        await registry.publish('det', sampleFiles(tag), sampleMetadata());
      const other = new ModelRegistry(storage);
      const moves = (reg: ModelRegistry, versions: number[]) =>
        (async () => {
          for (const v of versions) await reg.setAlias('det', 'canary', v);
        })();
      await Promise.all([moves(registry, [1, 2, 1, 2, 1, 2]), moves(other, [3, 3, 3, 3, 3, 3])]);
      const record = await registry.getAlias('det', 'canary');
      // 12 moves in all: the current target plus 11 earlier ones, none overwritten.
      expect(1 + (record?.history.length ?? 0)).toBe(12);
      const all = [record!.version, ...record!.history.map((h) => h.version)];
      expect(all.filter((v) => v === 3).length).toBe(6);

      const outcomes = await Promise.allSettled([
        registry.setAlias('det', 'production', 1, { expectedVersion: null }),
        other.setAlias('det', 'production', 2, { expectedVersion: null }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBe(1);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(AliasConflictError);
    });

    it('validates names and files, naming the bad argument', async () => {
      for (const bad of ['', '../x', 'a/b', 'UPPER', '.hidden', 'x'.repeat(129), 'a..b'])
        await expect(registry.publish(bad, sampleFiles('a'), sampleMetadata())).rejects.toThrow(
          /^invalid name:/,
        );
      await expect(
        registry.publish(
          'ok',
          { ...sampleFiles('a'), '../escape': Buffer.from('x') },
          sampleMetadata(),
        ),
      ).rejects.toThrow(/^invalid file:/);
      await expect(registry.setAlias('ok', 'Bad Alias', 1)).rejects.toThrow(/^invalid alias:/);
      await expect(registry.getMetadata('ok', 0)).rejects.toThrow(/^invalid version:/);
      expect(await registry.listModels()).toEqual([]);
    });

    it('gc removes abandoned uploads and uncommitted versions only after the grace period', async () => {
      await registry.publish('det', sampleFiles('a'), sampleMetadata());
      await storage.put('models/det/_staging/dead/UPLOAD', Buffer.from('{}'));
      await storage.put('models/det/_staging/dead/model.json', Buffer.from('{}'));
      await storage.put('models/det/2/CLAIMED', Buffer.from('{"upload":"dead"}'));
      await storage.put('models/det/2/model.json', Buffer.from('{}'));
      expect(await registry.listVersions('det')).toEqual([1]);
      const kept = await registry.gc();
      expect(kept.objectsDeleted).toBe(0);
      const report = await registry.gc({ graceMs: 0, now: new Date(Date.now() + 1000) });
      expect(report.stagingUploadsRemoved).toEqual(['models/det/_staging/dead']);
      expect(report.uncommittedVersionsRemoved).toEqual(['models/det/2']);
      expect(
        (await storage.list('models/det/')).every((o) => o.key.startsWith('models/det/1/')),
      ).toBe(true);
      expect(await registry.publish('det', sampleFiles('b'), sampleMetadata())).toBe(2);
    });

    it('retention keeps the N latest plus every aliased version', async () => {
      for (const tag of ['a', 'b', 'c', 'd', 'e'])
        await registry.publish('det', sampleFiles(tag), sampleMetadata());
      await registry.setAlias('det', 'production', 2);
      await registry.setAlias('det', 'production', 4);
      await registry.setAlias('det', 'staging', 2);
      expect(await registry.applyRetention('det', 2)).toEqual([1, 3]);
      expect(await registry.listVersions('det')).toEqual([2, 4, 5]);
      expect((await storage.list('models/det/1/')).length).toBe(0);
      expect(await registry.readFile('det', 2, 'model.json')).toEqual(
        sampleFiles('b')['model.json'],
      );
      expect(await registry.rollback('det', 'production')).toEqual({ from: 4, to: 2 });
    });

    it('diffs metrics and lineage', async () => {
      await registry.publish(
        'det',
        sampleFiles('a'),
        sampleMetadata({ metrics: { AP: 0.3 }, runId: 'r1' }),
      );
      await registry.publish(
        'det',
        sampleFiles('b'),
        sampleMetadata({ metrics: { AP: 0.35, AP50: 0.6 }, runId: 'r2' }),
      );
      const diff = await registry.diff({ name: 'det', version: 1 }, { name: 'det', version: 2 });
      expect(diff.metrics.find((m) => m.metric === 'AP')?.delta).toBeCloseTo(0.05);
      expect(diff.metrics.find((m) => m.metric === 'AP50')).toMatchObject({ a: undefined, b: 0.6 });
      expect(diff.lineage.find((l) => l.field === 'runId')).toMatchObject({
        a: 'r1',
        b: 'r2',
        changed: true,
      });
      expect(diff.lineage.find((l) => l.field === 'format')?.changed).toBe(false);
    });
  });
}
