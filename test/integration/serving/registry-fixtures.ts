// A trained-looking version for the registry view: the default model's files plus a run report
// (real PR-curve SVGs from training's renderer), metrics and lineage, aliased staging + canary.
import { prCurvesSvg } from '../../../training/src/report/pr-curve-svg';
import { defaultModelFiles, defaultModelMetadata } from '../../../core/detection/default-model';
import { MODEL, type Harness } from './harness';

export const TRAINED_METRICS = { AP: 0.412, AP50: 0.633, AP75: 0.398 };

export async function publishTrainedVersion(h: Harness): Promise<number> {
  const curve = { recall: [0, 0.5, 1], precision: [1, 0.8, 0.3] };
  const svg = (iou: string) =>
    Buffer.from(
      prCurvesSvg(`${MODEL}: precision-recall at IoU ${iou}`, [{ label: 'person', curve }]),
    );
  const version = await h.source.publish(
    MODEL,
    {
      ...defaultModelFiles(),
      'report/report.md': Buffer.from('# Training run run-42\n'),
      'report/pr-iou50.svg': svg('.50'),
      'report/pr-iou75.svg': svg('.75'),
    },
    {
      ...defaultModelMetadata(MODEL),
      metrics: TRAINED_METRICS,
      dataset: { name: 'street-photos', version: 3, fingerprint: 'sha256:abc' },
      parentVersion: { name: MODEL, version: 1 },
      runId: 'run-42',
    },
  );
  await h.source.setAlias(MODEL, 'staging', version);
  await h.source.setAlias(MODEL, 'canary', version);
  await h.source.setAlias(MODEL, 'production', 1);
  return version;
}
