// What the trained detector is: the pre-trained COCO CenterNet (MobileNetV3, 512×512) with its two
// final 1×1 projections re-learnt for new classes. Its graph decodes [1,100,6] detections from a
// per-class heatmap (stride 4) and l,t,r,b box distances (×16 px) — the decoding is generic in the
// class count, so new classes occupy the first K of its 80 heatmap channels and the rest are
// switched off. The exported model is the same graph with new weights: serving runs it exactly
// like the default model.

/** Heatmap grid: 512 / 4. */
export const GRID = 128;
export const STRIDE = 4;
/** The graph multiplies the box head output by this (tower_0/mul/y). */
export const WH_SCALE = 16;
/** Heatmap channels the graph decodes (tower_0/strided_slice_7). */
export const GRAPH_CLASSES = 80;
export const FEATURE_CHANNELS = 128;

/** Frozen features: the depthwise 3×3 outputs feeding the two 1×1 projections. */
export const FEATURE_NODES = {
  cls: 'tower_0/CenternetHead/centernet_cls_output/separable_conv2d/depthwise',
  wh: 'tower_0/CenternetHead/centernet_wh_output/separable_conv2d/depthwise',
} as const;

/** The weights re-learnt (everything else stays as pre-trained). */
export const HEAD_WEIGHTS = {
  clsKernel: 'CenternetHead/centernet_cls_output/pointwise_weights', // [1,1,128,80]
  clsBias: 'CenternetHead/centernet_cls_output/biases', // [80]
  whKernel: 'CenternetHead/centernet_wh_output/pointwise_weights', // [1,1,128,4]
  whBias: 'CenternetHead/centernet_wh_output/biases', // [4]
} as const;

/** Bias of unused heatmap channels: sigmoid(-30) ≈ 1e-13, never above any score threshold. */
export const DISABLED_BIAS = -30;
/** CenterNet's prior for a fresh heatmap bias: sigmoid(-2.19) ≈ 0.1. */
export const HEATMAP_PRIOR_BIAS = -2.19;

/** Trained parameters of the two projections for K classes (row-major [128, K] / [128, 4]). */
export interface HeadParams {
  readonly classes: number;
  readonly clsKernel: Float32Array;
  readonly clsBias: Float32Array;
  readonly whKernel: Float32Array;
  readonly whBias: Float32Array;
}
