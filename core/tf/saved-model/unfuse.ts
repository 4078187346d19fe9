// Rewrites TensorFlow.js's fused ops into standard TensorFlow ops so the graph loads in any
// TensorFlow: `_FusedConv2D` (internal to TensorFlow's optimiser; its attributes differ between
// versions), `FusedDepthwiseConv2dNative` (exists only in TensorFlow.js) and `_FusedMatMul`.
// Each becomes conv/matmul → BiasAdd → activation, the last node keeping the original name so
// consumers are untouched; TensorFlow's graph optimiser fuses them again for its own kernels.
import type { AttrJson, NodeJson } from './tf-protos';

const BASE_OP: Readonly<Record<string, string>> = {
  _FusedConv2D: 'Conv2D',
  FusedDepthwiseConv2dNative: 'DepthwiseConv2dNative',
  _FusedMatMul: 'MatMul',
};
const BASE_ATTRS: Readonly<Record<string, readonly string[]>> = {
  Conv2D: ['T', 'strides', 'padding', 'data_format', 'dilations', 'explicit_paddings'],
  DepthwiseConv2dNative: ['T', 'strides', 'padding', 'data_format', 'dilations'],
  MatMul: ['T', 'transpose_a', 'transpose_b'],
};
const ACTIVATIONS = new Set(['Relu', 'Relu6', 'Elu', 'Sigmoid', 'Tanh']);

export class UnsupportedGraphError extends Error {}

function fusedOps(n: NodeJson): string[] {
  return (n.attr?.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString());
}

function pick(attrs: Readonly<Record<string, AttrJson>>, keys: readonly string[]) {
  return Object.fromEntries(keys.filter((k) => attrs[k] !== undefined).map((k) => [k, attrs[k]!]));
}

function unfuseOne(n: NodeJson, baseOp: string): NodeJson[] {
  const ops = fusedOps(n);
  const [first, ...activations] = ops;
  if (
    first !== 'BiasAdd' ||
    activations.length > 1 ||
    !activations.every((a) => ACTIVATIONS.has(a))
  ) {
    throw new UnsupportedGraphError(`${n.name}: fused ops [${ops.join(', ')}] are not supported`);
  }
  const attrs = n.attr ?? {};
  const inputs = n.input ?? [];
  const base: NodeJson = {
    name: `${n.name}/unfused_${baseOp.toLowerCase()}`,
    op: baseOp,
    input: inputs.slice(0, 2),
    attr: pick(attrs, BASE_ATTRS[baseOp]!),
  };
  const biasName = activations.length ? `${n.name}/unfused_bias` : n.name;
  const bias: NodeJson = {
    name: biasName,
    op: 'BiasAdd',
    input: [base.name, inputs[2]!],
    attr: pick(attrs, baseOp === 'MatMul' ? ['T'] : ['T', 'data_format']),
  };
  const act = activations.map((op) => ({
    name: n.name,
    op,
    input: [biasName],
    attr: pick(attrs, ['T']),
  }));
  return [base, bias, ...act];
}

export function unfuseGraph(nodes: readonly NodeJson[]): NodeJson[] {
  return nodes.flatMap((n) => {
    const baseOp = BASE_OP[n.op];
    return baseOp ? unfuseOne(n, baseOp) : [n];
  });
}
