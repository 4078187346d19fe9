// Cross-checks the TypeScript COCO evaluation against the reference implementation, pycocotools
// (PyPI), on a seeded random dataset with every size range, duplicates, misses and false positives.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluateCoco } from '../../../training/src/eval/coco-eval';
import type { BBox, DetectionBox, GroundTruthBox } from '../../../training/src/eval/types';
import { describeWhen } from '../../helpers/requirements';

function pycocotoolsMissing(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import pycocotools, numpy'], { stdio: 'pipe' });
  return r.status === 0
    ? undefined
    : 'python3 with pycocotools not installed (pip install pycocotools)';
}

const REFERENCE = `
import json, sys, contextlib, io
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
d = json.load(open(sys.argv[1]))
with contextlib.redirect_stdout(io.StringIO()):
    gt = COCO(); gt.dataset = d['gt']; gt.createIndex()
    dt = gt.loadRes(d['dt'])
    e = COCOeval(gt, dt, 'bbox'); e.evaluate(); e.accumulate(); e.summarize()
p = e.eval['precision'][:, :, :, 0, -1]
per_class = [float(p[:, :, k][p[:, :, k] > -1].mean()) if (p[:, :, k] > -1).any() else -1 for k in range(p.shape[2])]
print(json.dumps({'stats': [float(s) for s in e.stats], 'perClass': per_class}))
`;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(seed: number) {
  const rnd = mulberry32(seed);
  const categories = [1, 2, 3].map((id) => ({ id, name: `c${id}` }));
  const imageIds = Array.from({ length: 40 }, (_, i) => i + 1);
  const groundTruth: GroundTruthBox[] = [];
  const detections: DetectionBox[] = [];
  for (const imageId of imageIds) {
    const n = Math.floor(rnd() * 6);
    for (let j = 0; j < n; j++) {
      const side = [12, 50, 150][Math.floor(rnd() * 3)]! * (0.6 + rnd());
      const box: BBox = [rnd() * 300, rnd() * 300, side * (0.5 + rnd()), side * (0.5 + rnd())];
      const categoryId = 1 + Math.floor(rnd() * 3);
      groundTruth.push({ imageId, categoryId, bbox: box, area: box[2] * box[3] });
      const copies = rnd() < 0.2 ? 0 : rnd() < 0.2 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        const jitter = () => (rnd() - 0.5) * side * 0.4;
        const b: BBox = [
          box[0] + jitter(),
          box[1] + jitter(),
          box[2] + jitter(),
          box[3] + jitter(),
        ];
        detections.push({
          imageId,
          categoryId,
          bbox: b.map((v) => Math.abs(v)) as unknown as BBox,
          score: rnd(),
        });
      }
    }
    for (let f = Math.floor(rnd() * 3); f > 0; f--) {
      const s = 10 + rnd() * 120;
      detections.push({
        imageId,
        categoryId: 1 + Math.floor(rnd() * 3),
        bbox: [rnd() * 400, rnd() * 400, s, s * (0.5 + rnd())],
        score: rnd() * 0.8,
      });
    }
  }
  return { imageIds, categories, groundTruth, detections };
}

describeWhen(pycocotoolsMissing())('COCO evaluation vs pycocotools', () => {
  it.each([1, 2, 3])('matches the reference on random case %i', (seed) => {
    const input = randomCase(seed);
    const ours = evaluateCoco(input);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coco-eval-'));
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        gt: {
          images: input.imageIds.map((id) => ({ id, width: 640, height: 640 })),
          categories: input.categories,
          annotations: input.groundTruth.map((g, i) => ({
            id: i + 1,
            image_id: g.imageId,
            category_id: g.categoryId,
            bbox: g.bbox,
            area: g.area,
            iscrowd: 0,
          })),
        },
        dt: input.detections.map((d) => ({
          image_id: d.imageId,
          category_id: d.categoryId,
          bbox: d.bbox,
          score: d.score,
        })),
      }),
    );
    const out = execFileSync('python3', ['-c', REFERENCE, file], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    const ref = JSON.parse(out) as { stats: number[]; perClass: number[] };
    const s = ours.summary;
    const mine = [
      s.AP,
      s.AP50,
      s.AP75,
      s.APsmall,
      s.APmedium,
      s.APlarge,
      s.AR,
      s.ARsmall,
      s.ARmedium,
      s.ARlarge,
    ];
    const theirs = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11].map((i) => ref.stats[i]!);
    mine.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 10));
    ours.perClass.forEach((c, k) => expect(c.ap).toBeCloseTo(ref.perClass[k]!, 10));
    expect(s.AP).toBeGreaterThan(0.05); // a meaningful case, not all zeros
  });
});
