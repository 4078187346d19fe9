"""Calls the service's gRPC port with Triton's own gRPC client (tritonclient.grpc), as its users
would, and prints one JSON report on stdout for the jest test to assert on.

usage: triton_grpc.py <host:port> <model> <photo>...
"""
import json
import sys

import numpy as np
import tritonclient.grpc as grpcclient
from client_errors import error_of


def summary(result):
    response = result.get_response(as_json=True)
    names = [o["name"] for o in response["outputs"]]
    labels = result.as_numpy("detection_labels") if "detection_labels" in names else None
    return {
        "model_version": response.get("model_version"),
        "id": response.get("id"),
        "outputs": names,
        "num_detections": result.as_numpy("num_detections").tolist(),
        "labels": None if labels is None else [[x.decode() for x in row] for row in labels],
        "boxes_shape": list(result.as_numpy("detection_boxes").shape) if "detection_boxes" in names else None,
    }


def main():
    url, model, photos = sys.argv[1], sys.argv[2], sys.argv[3:]
    client = grpcclient.InferenceServerClient(url=url)
    raw = [open(p, "rb").read() for p in photos]

    def image_input(data=raw, name="image"):
        tensor = grpcclient.InferInput(name, [len(data)], "BYTES")
        tensor.set_data_from_numpy(np.array(data, dtype=np.object_))
        return tensor

    metadata = client.get_model_metadata(model, as_json=True)
    report = {
        "live": client.is_server_live(),
        "ready": client.is_server_ready(),
        "model_ready": client.is_model_ready(model),
        "server_metadata": client.get_server_metadata(as_json=True),
        "model_metadata": metadata,
        "infer": summary(client.infer(model, [image_input()], request_id="g1")),
        "infer_version_1": summary(client.infer(model, [image_input(raw[:1])], model_version="1")),
        "two_outputs": summary(client.infer(model, [image_input()], outputs=[
            grpcclient.InferRequestedOutput("num_detections"),
            grpcclient.InferRequestedOutput("detection_labels")])),
        "errors": {
            "unknown_model": error_of(lambda: client.infer("no-such-model", [image_input()])),
            "wrong_input_name": error_of(lambda: client.infer(model, [image_input(name="images")])),
            "not_an_image": error_of(lambda: client.infer(model, [image_input([b"not a photo"])])),
        },
    }
    client.close()
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
