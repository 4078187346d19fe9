// Fused TensorFlow.js ops become standard ops with the fused node's name on the last one.
import { UnsupportedGraphError, unfuseGraph } from '../../../core/tf/saved-model/unfuse';
import type { NodeJson } from '../../../core/tf/saved-model/tf-protos';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const fused = (op: string, ops: string[]): NodeJson => ({
  name: 'block/conv',
  op,
  input: ['x', 'w', 'b'],
  attr: {
    T: { type: 'DT_FLOAT' },
    strides: { list: { i: ['1', '1', '1', '1'] } },
    padding: { s: b64('SAME') },
    data_format: { s: b64('NHWC') },
    fused_ops: { list: { s: ops.map(b64) } },
    num_args: { i: '1' },
    epsilon: { f: 0 },
  },
});

describe('unfuseGraph', () => {
  it('rewrites a fused depthwise conv + bias + relu into three chained standard ops', () => {
    const nodes = unfuseGraph([fused('FusedDepthwiseConv2dNative', ['BiasAdd', 'Relu'])]);
    expect(nodes.map((n) => [n.op, n.name, n.input])).toEqual([
      ['DepthwiseConv2dNative', 'block/conv/unfused_depthwiseconv2dnative', ['x', 'w']],
      ['BiasAdd', 'block/conv/unfused_bias', ['block/conv/unfused_depthwiseconv2dnative', 'b']],
      ['Relu', 'block/conv', ['block/conv/unfused_bias']],
    ]);
    // Only the attributes each standard op declares are kept.
    expect(Object.keys(nodes[0]!.attr!).sort()).toEqual(['T', 'data_format', 'padding', 'strides']);
    expect(Object.keys(nodes[1]!.attr!).sort()).toEqual(['T', 'data_format']);
  });

  it('keeps the name on BiasAdd when there is no activation, and leaves other ops alone', () => {
    const other: NodeJson = { name: 'y', op: 'Add', input: ['block/conv', 'z'] };
    const nodes = unfuseGraph([fused('_FusedConv2D', ['BiasAdd']), other]);
    expect(nodes.map((n) => `${n.op}:${n.name}`)).toEqual([
      'Conv2D:block/conv/unfused_conv2d',
      'BiasAdd:block/conv',
      'Add:y',
    ]);
    expect(nodes[2]).toBe(other);
  });

  it('refuses fusions it cannot express (the caller then runs the graph op by op)', () => {
    expect(() => unfuseGraph([fused('_FusedConv2D', ['FusedBatchNorm'])])).toThrow(
      UnsupportedGraphError,
    );
    expect(() => unfuseGraph([fused('_FusedConv2D', ['BiasAdd', 'Prelu'])])).toThrow(
      /block\/conv: fused ops \[BiasAdd, Prelu\]/,
    );
  });
});
