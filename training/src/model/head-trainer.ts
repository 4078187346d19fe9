// Trains the two 1×1 projections on cached backbone features: CenterNet's focal loss on the class
// heatmap plus L1 on the l,t,r,b distances at each object's peak, Adam written out in tensor ops
// so its whole state is plain arrays — checkpoints restore it exactly and a resumed run is the
// same run. Image order per epoch comes from (seed, epoch), so no RNG state needs saving.
import type * as tfjs from '@tensorflow/tfjs';
import { createRng } from '../synth/rng';
import { FEATURE_CHANNELS, GRID, type HeadParams } from './centernet-head';
import type { ImageFeatures } from './backbone';
import type { ImageTargets } from './targets';

type Tf = typeof tfjs;

export interface TrainSample {
  readonly features: ImageFeatures;
  readonly targets: ImageTargets;
}

export interface TrainConfig {
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Weight of the box L1 loss against the heatmap focal loss. */
  readonly boxLossWeight: number;
}

/** Everything needed to continue training exactly where it stopped. */
export interface TrainState {
  /** Epochs completed. */
  readonly epoch: number;
  readonly step: number;
  readonly params: HeadParams;
  /** Adam moments, same layout as params. */
  readonly m: HeadParams;
  readonly v: HeadParams;
  readonly losses: readonly number[];
}

export interface EpochReport {
  readonly epoch: number;
  readonly loss: number;
  readonly imagesPerSecond: number;
  readonly state: TrainState;
}

const KEYS = ['clsKernel', 'clsBias', 'whKernel', 'whBias'] as const;
const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

export function zerosLike(p: HeadParams): HeadParams {
  return {
    classes: p.classes,
    clsKernel: new Float32Array(p.clsKernel.length),
    clsBias: new Float32Array(p.clsBias.length),
    whKernel: new Float32Array(p.whKernel.length),
    whBias: new Float32Array(p.whBias.length),
  };
}

export function initialState(init: HeadParams): TrainState {
  return { epoch: 0, step: 0, params: init, m: zerosLike(init), v: zerosLike(init), losses: [] };
}

/** Runs the remaining epochs from `state`; calls onEpoch (checkpointing) after each one. */
export async function trainHead(
  tf: Tf,
  samples: readonly TrainSample[],
  config: TrainConfig,
  state: TrainState,
  onEpoch: (report: EpochReport) => Promise<void>,
): Promise<TrainState> {
  const K = state.params.classes;
  const shape = (k: (typeof KEYS)[number]): [number, number] =>
    k === 'clsKernel'
      ? [FEATURE_CHANNELS, K]
      : k === 'whKernel'
        ? [FEATURE_CHANNELS, 4]
        : [1, k === 'clsBias' ? K : 4];
  const toTensors = (p: HeadParams) => KEYS.map((k) => tf.tensor2d(p[k], shape(k)));
  let params: tfjs.Tensor[] = toTensors(state.params);
  let m: tfjs.Tensor[] = toTensors(state.m);
  let v: tfjs.Tensor[] = toTensors(state.v);
  // Features stay resident as tensors: the expensive backbone pass happened once.
  const data = samples.map((s) => ({
    cls: tf.tensor2d(s.features.cls, [GRID * GRID, FEATURE_CHANNELS]),
    wh: tf.tensor2d(s.features.wh, [GRID * GRID, FEATURE_CHANNELS]),
    heatmap: tf.tensor2d(s.targets.heatmap, [GRID * GRID, K]),
    peaks: tf.tensor1d(s.targets.peaks, 'int32'),
    ltrb: tf.tensor2d(s.targets.ltrb, [s.targets.peaks.length, 4]),
    objects: s.targets.peaks.length,
  }));
  let step = state.step;
  const losses = [...state.losses];
  try {
    for (let epoch = state.epoch + 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      const order = shuffled(samples.length, config.seed * 1000003 + epoch);
      let epochLoss = 0;
      for (let start = 0; start < order.length; start += config.batchSize) {
        const batch = order.slice(start, start + config.batchSize).map((i) => data[i]!);
        step++;
        const lossFn = (wc: tfjs.Tensor, bc: tfjs.Tensor, ww: tfjs.Tensor, bw: tfjs.Tensor) => {
          // No tf.tidy here: valueAndGrads keeps the intermediates backprop needs.
          const perImage = batch.map((d) => {
            const logits = tf.add(tf.matMul(d.cls, wc), bc);
            const pos = tf.equal(d.heatmap, 1).toFloat();
            const p = tf.sigmoid(logits);
            const posLoss = tf.mul(
              tf.mul(tf.neg(tf.softplus(tf.neg(logits))), tf.square(tf.sub(1, p))),
              pos,
            );
            const negW = tf.mul(tf.pow(tf.sub(1, d.heatmap), 4), tf.sub(1, pos));
            const negLoss = tf.mul(tf.mul(tf.neg(tf.softplus(logits)), tf.square(p)), negW);
            const n = Math.max(1, d.objects);
            const focal = tf.div(tf.neg(tf.add(tf.sum(posLoss), tf.sum(negLoss))), n);
            if (d.objects === 0) return focal;
            const pred = tf.add(tf.matMul(tf.gather(d.wh, d.peaks), ww), bw);
            const l1 = tf.div(tf.sum(tf.abs(tf.sub(pred, d.ltrb))), n);
            return tf.add(focal, tf.mul(l1, config.boxLossWeight));
          });
          return tf.div(tf.addN(perImage), batch.length) as tfjs.Scalar;
        };
        const { value, grads } = tf.valueAndGrads(
          (wc: tfjs.Tensor, bc: tfjs.Tensor, ww: tfjs.Tensor, bw: tfjs.Tensor) =>
            lossFn(wc, bc, ww, bw),
        )(params);
        epochLoss += (await value.data())[0]! * batch.length;
        value.dispose();
        const next = tf.tidy(() => {
          const lr = config.learningRate * (Math.sqrt(1 - B2 ** step) / (1 - B1 ** step));
          return params.map((p, i) => {
            const g = grads[i]!;
            const mi = tf.add(tf.mul(m[i]!, B1), tf.mul(g, 1 - B1));
            const vi = tf.add(tf.mul(v[i]!, B2), tf.mul(tf.square(g), 1 - B2));
            const pi = tf.sub(p, tf.div(tf.mul(mi, lr), tf.add(tf.sqrt(vi), EPS)));
            return [pi, mi, vi] as const;
          });
        });
        tf.dispose([...grads, ...params, ...m, ...v]);
        params = next.map((x) => x[0]);
        m = next.map((x) => x[1]);
        v = next.map((x) => x[2]);
      }
      const seconds = (performance.now() - started) / 1000;
      losses.push(epochLoss / samples.length);
      const snapshot: TrainState = {
        epoch,
        step,
        params: await toParams(params, K),
        m: await toParams(m, K),
        v: await toParams(v, K),
        losses: [...losses],
      };
      await onEpoch({
        epoch,
        loss: losses[losses.length - 1]!,
        imagesPerSecond: samples.length / seconds,
        state: snapshot,
      });
      state = snapshot;
    }
    return state;
  } finally {
    tf.dispose([...params, ...m, ...v]);
    for (const d of data) tf.dispose([d.cls, d.wh, d.heatmap, d.peaks, d.ltrb]);
  }
}

async function toParams(t: readonly tfjs.Tensor[], classes: number): Promise<HeadParams> {
  const [clsKernel, clsBias, whKernel, whBias] = (await Promise.all(
    t.map((x) => x.data()),
  )) as Float32Array[];
  return {
    classes,
    clsKernel: clsKernel!,
    clsBias: clsBias!,
    whKernel: whKernel!,
    whBias: whBias!,
  };
}

function shuffled(n: number, seed: number): number[] {
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
