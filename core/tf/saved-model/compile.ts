// Compiles a TensorFlow.js graph model (model.json + weights) into a TensorFlow SavedModel
// (`saved_model.pb` holding the whole graph with its weights as constants), so the native
// backend can hand the whole graph to TensorFlow (tf.node.loadSavedModel: one session run with
// TensorFlow's graph optimiser) instead of executing it op by op through the eager API.
import type * as tfjs from '@tensorflow/tfjs';
import { encodeSavedModel, type NodeJson, type ShapeJson, type TensorInfo } from './tf-protos';
import { UnsupportedGraphError, unfuseGraph } from './unfuse';
import { decodeWeights, type DecodedWeight } from './weights';

const TFJS_TO_TF: Readonly<Record<string, string>> = {
  float32: 'DT_FLOAT',
  int32: 'DT_INT32',
  bool: 'DT_BOOL',
};

interface SignatureEntry {
  readonly name?: string;
  readonly dtype?: string;
  readonly tensorShape?: ShapeJson;
}

export interface CompileInput {
  readonly modelJson: tfjs.io.ModelJSON;
  readonly weights: ArrayBuffer;
  /** Output nodes to expose (the processing config's outputNames). */
  readonly outputs: readonly string[];
}

function constantFromWeight(n: NodeJson, w: DecodedWeight): NodeJson {
  const dtype = TFJS_TO_TF[w.dtype]!;
  const tensorShape = { dim: w.shape.map((size) => ({ size })) };
  return {
    name: n.name,
    op: 'Const',
    attr: {
      dtype: { type: dtype },
      value: { tensor: { dtype, tensorShape, tensorContent: w.bytes } },
    },
  };
}

function signatureInputs(nodes: readonly NodeJson[]): Record<string, TensorInfo> {
  const inputs: Record<string, TensorInfo> = {};
  for (const n of nodes.filter((x) => x.op === 'Placeholder')) {
    const shape = n.attr?.shape?.shape;
    inputs[n.name] = {
      name: `${n.name}:0`,
      dtype: n.attr?.dtype?.type ?? 'DT_FLOAT',
      shape: shape ?? { unknownRank: true },
    };
  }
  return inputs;
}

export function compileGraphModel(input: CompileInput): Uint8Array {
  const topology = input.modelJson.modelTopology as {
    node?: NodeJson[];
    versions?: { producer?: number };
    library?: { function?: unknown[] };
  };
  if (!topology?.node) throw new UnsupportedGraphError('model.json has no graph topology');
  if (topology.library?.function?.length) {
    throw new UnsupportedGraphError('graphs with functions (control flow) are not supported');
  }
  const specs = (input.modelJson.weightsManifest ?? []).flatMap((g) => g.weights);
  const weights = decodeWeights(specs, input.weights);
  const nodes = unfuseGraph(
    topology.node.map((n) => {
      const w = weights.get(n.name);
      return w ? constantFromWeight(n, w) : n;
    }),
  );
  const names = new Set(nodes.map((n) => n.name));
  const signature = (input.modelJson.signature ?? {}) as {
    outputs?: Record<string, SignatureEntry>;
  };
  const outputs: Record<string, TensorInfo> = {};
  for (const out of input.outputs) {
    if (!names.has(out)) throw new UnsupportedGraphError(`graph has no output node ${out}`);
    const declared = signature.outputs?.[out];
    outputs[out] = {
      name: `${out}:0`,
      dtype: declared?.dtype ?? 'DT_FLOAT',
      // tfjs-node reads every signature tensor's shape; unknown rank when undeclared.
      shape: declared?.tensorShape ?? { unknownRank: true },
    };
  }
  return encodeSavedModel({
    nodes: nodes.map(({ name, op, input: ins, attr }) => ({ name, op, input: ins, attr })),
    producer: topology.versions?.producer ?? 1000,
    inputs: signatureInputs(nodes),
    outputs,
  });
}
