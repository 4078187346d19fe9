// `mlops registry …` and `mlops dataset …` driven in-process: output, --json and exit codes.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildProgram } from '../../../cli/program';
import { sampleMetadata } from './fixtures';

async function mlops(
  ...args: string[]
): Promise<{ out: string; exitCode: number; error?: string }> {
  let out = '';
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      out += chunk.toString();
      return true;
    });
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'mlops', ...args]);
    return { out, exitCode: 0 };
  } catch (error) {
    const e = error as { exitCode?: number; message: string };
    return { out, exitCode: e.exitCode ?? 1, error: e.message };
  } finally {
    spy.mockRestore();
  }
}

describe('mlops registry / dataset', () => {
  let dir: string;
  let registry: string;
  let modelDir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-cli-'));
    registry = pathToFileURL(path.join(dir, 'registry')).href;
    modelDir = path.join(dir, 'model');
    await fs.mkdir(modelDir);
    await fs.writeFile(path.join(modelDir, 'model.json'), '{}');
    await fs.writeFile(path.join(modelDir, 'metadata.json'), JSON.stringify(sampleMetadata()));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('imports, lists, promotes, rolls back and diffs', async () => {
    expect(
      (await mlops('registry', 'import', modelDir, '--name', 'demo', '--registry', registry)).out,
    ).toMatch(/version 1/);
    await fs.writeFile(
      path.join(modelDir, 'metadata.json'),
      JSON.stringify(sampleMetadata({ metrics: { AP: 0.4 } })),
    );
    expect(
      (
        await mlops(
          'registry',
          'import',
          modelDir,
          '--name',
          'demo',
          '--registry',
          registry,
          '--json',
        )
      ).out,
    ).toMatch(/"version": 2/);
    await mlops('registry', 'promote', 'demo', '1', '--to', 'production', '--registry', registry);
    await mlops('registry', 'promote', 'demo', '2', '--to', 'production', '--registry', registry);
    const listed = JSON.parse(
      (await mlops('registry', 'list', '--registry', registry, '--json')).out,
    );
    expect(listed).toEqual([
      { name: 'demo', versions: [1, 2], latest: 2, aliases: { production: 2 } },
    ]);
    expect((await mlops('registry', 'list', 'demo', '--registry', registry)).out).toMatch(
      /^2\s+\S+\s+tfjs-graph\s+0\.400/m,
    );
    const diff = JSON.parse(
      (await mlops('registry', 'diff', 'demo', '1', 'production', '--registry', registry, '--json'))
        .out,
    );
    expect(diff.metrics.find((m: { metric: string }) => m.metric === 'AP').delta).toBeCloseTo(0.1);
    expect((await mlops('registry', 'rollback', 'demo', '--registry', registry)).out).toMatch(
      /from version 2 to 1/,
    );
    expect(
      JSON.parse(
        (await mlops('registry', 'show', 'demo', 'production', '--registry', registry, '--json'))
          .out,
      ).version,
    ).toBe(1);
  });

  it('fails with exit codes that mean something, naming the bad argument', async () => {
    expect(await mlops('registry', 'show', '../etc', '--registry', registry)).toMatchObject({
      exitCode: 2,
      error: expect.stringMatching(/^invalid model/),
    });
    expect(await mlops('registry', 'show', 'nope', '--registry', registry)).toMatchObject({
      exitCode: 3,
    });
    // A publish input error is a bad argument (2), naming the field: the entry file is missing.
    const noEntry = path.join(dir, 'model-without-entry');
    await fs.mkdir(noEntry, { recursive: true });
    await fs.writeFile(path.join(noEntry, 'weights.bin'), 'x');
    await fs.writeFile(path.join(noEntry, 'metadata.json'), JSON.stringify(sampleMetadata()));
    expect(
      await mlops('registry', 'import', noEntry, '--name', 'demo', '--registry', registry),
    ).toMatchObject({ exitCode: 2, error: expect.stringMatching(/metadata\.entry/) });
    // Not found is 3 for datasets too, as the README's table says (it was 1, "unexpected").
    const datasets = pathToFileURL(path.join(dir, 'datasets-empty')).href;
    expect(await mlops('dataset', 'show', 'nope', '--datasets', datasets)).toMatchObject({
      exitCode: 3,
      error: expect.stringMatching(/dataset nope has no versions/),
    });
    expect(
      await mlops(
        'registry',
        'promote',
        'demo',
        '1',
        '--to',
        'production',
        '--expect',
        '2',
        '--registry',
        registry,
      ),
    ).toMatchObject({ exitCode: 4 });
    expect(await mlops('registry', 'list', '--registry', 'ftp://x')).toMatchObject({
      exitCode: 2,
      error: expect.stringMatching(/--registry/),
    });
    expect(await mlops('registry', 'gc', '--grace', 'soon', '--registry', registry)).toMatchObject({
      exitCode: 2,
      error: expect.stringMatching(/--grace/),
    });
  });

  it('refuses retention when an alias cannot be read, deleting nothing', async () => {
    const reg = pathToFileURL(path.join(dir, 'registry-unreadable-alias')).href;
    for (let i = 0; i < 3; i++) {
      expect(
        await mlops('registry', 'import', modelDir, '--name', 'pinned', '--registry', reg),
      ).toMatchObject({ exitCode: 0 });
    }
    expect(
      await mlops('registry', 'promote', 'pinned', '1', '--to', 'production', '--registry', reg),
    ).toMatchObject({ exitCode: 0 });
    // The alias file is damaged (a partial write, a bad manual edit): unreadable, not absent.
    const aliasFile = path.join(
      dir,
      'registry-unreadable-alias',
      'models',
      'pinned',
      'aliases',
      'production.json',
    );
    await fs.writeFile(aliasFile, '{"version": ');
    const gc = await mlops('registry', 'gc', '--keep', '1', '--registry', reg);
    expect(gc.exitCode).not.toBe(0);
    expect(gc.error).toMatch(/production\.json is corrupt/);
    // Repaired, the registry shows every version still there.
    await fs.writeFile(aliasFile, JSON.stringify({ alias: 'production', version: 1 }));
    const listed = await mlops('registry', 'list', 'pinned', '--json', '--registry', reg);
    expect(listed.exitCode).toBe(0);
    // gc --keep 1 would have deleted version 2 (neither the newest nor aliased).
    expect(JSON.stringify(JSON.parse(listed.out))).toMatch(/"version":2\b/);
  });

  it('imports and shows a COCO dataset directory', async () => {
    const data = path.join(dir, 'data');
    await fs.mkdir(path.join(data, 'annotations'), { recursive: true });
    await fs.mkdir(path.join(data, 'images', 'train'), { recursive: true });
    await fs.writeFile(path.join(data, 'images', 'train', 'a.png'), 'png');
    const coco = {
      images: [{ id: 1, file_name: 'train/a.png', width: 4, height: 4 }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 2, 2] }],
      categories: [{ id: 1, name: 'thing' }],
    };
    await fs.writeFile(path.join(data, 'annotations', 'train.json'), JSON.stringify(coco));
    const datasets = pathToFileURL(path.join(dir, 'datasets')).href;
    expect(
      (await mlops('dataset', 'import', data, '--name', 'things', '--datasets', datasets)).out,
    ).toMatch(/imported things version 1 \(sha256:/);
    const shown = JSON.parse(
      (await mlops('dataset', 'show', 'things', '--datasets', datasets, '--json')).out,
    );
    expect(shown).toMatchObject({
      name: 'things',
      version: 1,
      splits: { train: { images: 1, annotations: 1 } },
    });
    expect((await mlops('dataset', 'list', '--datasets', datasets)).out).toMatch(
      /things\s+1 \(of 1\)/,
    );
    expect(
      await mlops(
        'dataset',
        'import',
        path.join(dir, 'missing'),
        '--name',
        'x',
        '--datasets',
        datasets,
      ),
    ).toMatchObject({ exitCode: 2 });
  });
});
