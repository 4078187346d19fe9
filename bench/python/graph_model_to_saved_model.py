"""Turn a TensorFlow.js graph model (model.json + weight shards) into a TensorFlow SavedModel.

The model.json topology is a GraphDef in protobuf-JSON form whose weight nodes are Const ops
without values; the values live in the binary shards described by the weights manifest. This
rebuilds the GraphDef with the values in place, rewrites the two TensorFlow.js-only fused ops
(`FusedDepthwiseConv2dNative`, and `_FusedConv2D`, which is internal to TensorFlow's optimiser)
into standard ops, and saves the graph with a `serving_default` signature.

Usage: graph_model_to_saved_model.py MODEL_JSON OUT_DIR [--input NAME] [--output NAME ...]
"""

import argparse
import json
import os
import sys

import numpy as np
import tensorflow as tf
from google.protobuf import json_format

DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_, "float16": np.float16,
          "uint8": np.uint8, "uint16": np.uint16}


def read_weights(model_dir, manifest):
    """Returns {name: ndarray} for every weight of the manifest, dequantized to its dtype."""
    values = {}
    for group in manifest:
        blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            quant = spec.get("quantization")
            stored = np.dtype(DTYPES[quant["dtype"] if quant else spec["dtype"]])
            count = int(np.prod(spec["shape"])) if spec["shape"] else 1
            raw = np.frombuffer(blob, dtype=stored, count=count, offset=offset)
            offset += count * stored.itemsize
            if quant and quant["dtype"] != "float16":
                raw = raw.astype(np.float32) * quant["scale"] + quant["min"]
            values[spec["name"]] = raw.astype(DTYPES[spec["dtype"]]).reshape(spec["shape"])
    return values


def fused_parts(node):
    return [s.decode() for s in node.attr["fused_ops"].list.s]


def unfuse(graph_def):
    """Rewrites fused conv nodes as conv -> BiasAdd [-> Relu|Relu6], keeping the node's name."""
    out = tf.compat.v1.GraphDef()
    out.versions.CopyFrom(graph_def.versions)
    for node in graph_def.node:
        if node.op not in ("_FusedConv2D", "FusedDepthwiseConv2dNative"):
            out.node.add().CopyFrom(node)
            continue
        ops = fused_parts(node)
        if ops[0] != "BiasAdd" or any(o not in ("Relu", "Relu6") for o in ops[1:]):
            sys.exit(f"{node.name}: unsupported fused ops {ops}")
        conv = out.node.add()
        conv.name = node.name + "/conv"
        conv.op = "Conv2D" if node.op == "_FusedConv2D" else "DepthwiseConv2dNative"
        conv.input.extend(node.input[:2])
        for key in ("T", "strides", "padding", "data_format", "dilations", "explicit_paddings"):
            if key in node.attr:
                conv.attr[key].CopyFrom(node.attr[key])
        if conv.op == "DepthwiseConv2dNative" and not conv.attr["explicit_paddings"].list.i:
            del conv.attr["explicit_paddings"]
        last = conv.name
        chain = [("BiasAdd", [conv.name, node.input[2]])] + [(o, None) for o in ops[1:]]
        for i, (op, inputs) in enumerate(chain):
            step = out.node.add()
            step.name = node.name if i == len(chain) - 1 else f"{node.name}/{op.lower()}"
            step.op = op
            step.input.extend(inputs or [last])
            step.attr["T"].CopyFrom(node.attr["T"])
            if op == "BiasAdd":
                step.attr["data_format"].CopyFrom(node.attr["data_format"])
            last = step.name
    return out


def load_graph_def(model_json):
    with open(model_json) as f:
        model = json.load(f)
    graph_def = json_format.ParseDict(model["modelTopology"], tf.compat.v1.GraphDef(),
                                      ignore_unknown_fields=True)
    weights = read_weights(os.path.dirname(model_json), model["weightsManifest"])
    for node in graph_def.node:
        if node.name in weights:
            node.op = "Const"
            node.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(weights[node.name]))
            node.attr["dtype"].type = node.attr["value"].tensor.dtype
    return unfuse(graph_def), model.get("signature", {})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_json")
    parser.add_argument("out_dir")
    parser.add_argument("--input", default="tower_0/images")
    parser.add_argument("--output", action="append", default=None)
    args = parser.parse_args()
    outputs = args.output or ["tower_0/detections"]
    graph_def, _ = load_graph_def(args.model_json)

    def imported(images):
        return tf.compat.v1.import_graph_def(
            graph_def, input_map={args.input + ":0": images},
            return_elements=[o + ":0" for o in outputs], name="")

    spec = tf.TensorSpec([None, None, None, 3], tf.float32, name="images")
    wrapped = tf.compat.v1.wrap_function(imported, [spec])

    class Exported(tf.Module):
        @tf.function(input_signature=[spec])
        def serve(self, images):
            results = wrapped(images)
            return {name.split("/")[-1]: t for name, t in zip(outputs, results)}

    module = Exported()
    tf.saved_model.save(module, args.out_dir, signatures={"serving_default": module.serve})
    print(f"saved {args.out_dir} ({len(graph_def.node)} nodes, outputs {outputs})")


if __name__ == "__main__":
    main()
