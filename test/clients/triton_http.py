"""Calls the service with Triton's own HTTP client (tritonclient.http), as its users would, and
prints one JSON report on stdout for the jest test to assert on.

usage: triton_http.py <host:port> <model> <photo>...
"""
import base64
import json
import sys

import numpy as np
import tritonclient.http as httpclient
from client_errors import error_of

OUTPUTS = ["num_detections", "detection_boxes", "detection_scores", "detection_classes", "detection_labels"]


def summary(result):
    labels = result.as_numpy("detection_labels")
    response = result.get_response()
    return {
        "model_version": response.get("model_version"),
        "id": response.get("id"),
        "num_detections": result.as_numpy("num_detections").tolist(),
        "labels": [[x.decode() if isinstance(x, bytes) else str(x) for x in row] for row in labels],
        "boxes_shape": list(result.as_numpy("detection_boxes").shape) if any(
            o["name"] == "detection_boxes" for o in response["outputs"]) else None,
        "binary_outputs": sorted(o["name"] for o in response["outputs"]
                                 if "binary_data_size" in o.get("parameters", {})),
    }


def main():
    url, model, photos = sys.argv[1], sys.argv[2], sys.argv[3:]
    client = httpclient.InferenceServerClient(url=url)
    raw = [open(p, "rb").read() for p in photos]

    def image_input(binary):
        data = raw if binary else [base64.b64encode(b) for b in raw]
        tensor = httpclient.InferInput("image", [len(raw)], "BYTES")
        tensor.set_data_from_numpy(np.array(data, dtype=np.object_), binary_data=binary)
        return tensor

    def requested(binary):
        return [httpclient.InferRequestedOutput(n, binary_data=binary) for n in OUTPUTS]

    report = {
        "live": client.is_server_live(),
        "ready": client.is_server_ready(),
        "model_ready": client.is_model_ready(model),
        "server_metadata": client.get_server_metadata(),
        "model_metadata": client.get_model_metadata(model),
        # The client's defaults: the photos' raw bytes as binary data, every output as binary data.
        "binary_in_binary_out": summary(client.infer(model, [image_input(True)], request_id="t1")),
        # JSON only (the client then sends no Content-Type header): base64 photos, JSON outputs.
        "json_in_json_out": summary(
            client.infer(model, [image_input(False)], outputs=requested(False), request_id="t2")),
        "binary_in_json_out": summary(
            client.infer(model, [image_input(True)], outputs=requested(False))),
        # Per-output choice: the count as binary data, the labels as JSON, nothing else.
        "mixed_outputs": summary(client.infer(model, [image_input(True)], outputs=[
            httpclient.InferRequestedOutput("num_detections", binary_data=True),
            httpclient.InferRequestedOutput("detection_labels", binary_data=False)])),
        "errors": {
            "unknown_model": error_of(lambda: client.infer("no-such-model", [image_input(True)])),
            "wrong_input_name": error_of(lambda: client.infer(
                model, [httpclient.InferInput("images", [1], "BYTES").set_data_from_numpy(
                    np.array([raw[0]], dtype=np.object_))])),
            "wrong_datatype": error_of(lambda: client.infer(
                model, [httpclient.InferInput("image", [1], "FP32").set_data_from_numpy(
                    np.array([1.0], dtype=np.float32))])),
            "unknown_output": error_of(lambda: client.infer(
                model, [image_input(True)], outputs=[httpclient.InferRequestedOutput("logits")])),
        },
    }
    client.close()
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
