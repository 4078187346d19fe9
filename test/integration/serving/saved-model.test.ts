// A TensorFlow SavedModel (TF2, written by Python TensorFlow) is servable like any other model:
// published to the registry with its signature and processing config, loaded with
// tf.node.loadSavedModel and answering /v1/detect. The fixture is the default CenterNet exported
// to a SavedModel by bench/python/graph_model_to_saved_model.py with TensorFlow from PyPI
// (scripts/setup-python-tf.sh), at test time, into a temporary directory.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseModelConfig } from '../../../serving/src/manager/model-config';
import { CENTERNET_PROCESSING, defaultModelDir } from '../../../core/detection/default-model';
import { nativeTfMissing } from '../../helpers/native-tf';
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { pythonTool } from '../../helpers/python-tools';
import { describeWhen } from '../../helpers/requirements';
import { MODEL, startHarness, type Harness } from './harness';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SAVED = 'centernet-tf2';

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

const py = nativeTfMissing() || photosMissingReason() ? {} : pythonTool('setup-python-tf.sh');

describeWhen(nativeTfMissing() ?? photosMissingReason() ?? py.missing)(
  'serving a TensorFlow SavedModel',
  () => {
    let h: Harness;
    let exportDir: string;

    beforeAll(async () => {
      exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'savedmodel-'));
      execFileSync(
        py.path!,
        [
          path.join(REPO, 'bench', 'python', 'graph_model_to_saved_model.py'),
          path.join(defaultModelDir(), 'centernet.json'),
          path.join(exportDir, 'model'),
        ],
        { stdio: 'ignore', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } },
      );
      h = await startHarness({
        env: {},
        modelConfig: parseModelConfig({ models: [{ name: MODEL }, { name: SAVED }] }),
      });
      const dir = path.join(exportDir, 'model');
      const files = Object.fromEntries(listFiles(dir).map((f) => [f, path.join(dir, f)]));
      await h.source.publish(SAVED, files, {
        format: 'tf-saved-model',
        entry: 'saved_model.pb',
        signature: {
          inputs: [{ name: 'images', dtype: 'float32', shape: [-1, -1, -1, 3] }],
          outputs: [{ name: 'detections', dtype: 'float32', shape: [1, 100, 6] }],
        },
        processing: { ...CENTERNET_PROCESSING, inputName: 'images', outputNames: ['detections'] },
      });
      await h.manager.sync();
    }, 180_000);
    afterAll(async () => {
      await h?.dispose();
      fs.rmSync(exportDir, { recursive: true, force: true });
    });

    it('detects the astronaut with the SavedModel as with the graph model', async () => {
      const ask = (model: string) =>
        h.app.inject({
          method: 'POST',
          url: `/v1/detect?model=${model}`,
          headers: { 'content-type': 'image/png' },
          payload: readPhoto('astronaut.png'),
        });
      const [saved, graph] = [await ask(SAVED), await ask(MODEL)];
      expect(saved.statusCode).toBe(200);
      const a = saved.json() as {
        model: { name: string };
        detections: { label: string; score: number; box: { x: number; width: number } }[];
      };
      const b = graph.json() as typeof a;
      expect(a.model.name).toBe(SAVED);
      expect(a.detections[0]).toMatchObject({ label: 'person' });
      expect(a.detections[0]!.score).toBeGreaterThan(0.5);
      // Same model, two runtimes: the top box agrees within a few pixels and the score within 0.02.
      expect(Math.abs(a.detections[0]!.score - b.detections[0]!.score)).toBeLessThan(0.02);
      expect(Math.abs(a.detections[0]!.box.x - b.detections[0]!.box.x)).toBeLessThan(3);
      expect(Math.abs(a.detections[0]!.box.width - b.detections[0]!.box.width)).toBeLessThan(3);
    });

    it('reports the SavedModel platform on the KServe v2 metadata endpoint', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/v2/models/${SAVED}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: SAVED, platform: 'tensorflow_savedmodel' });
    });
  },
);
