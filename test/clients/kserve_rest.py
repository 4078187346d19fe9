"""Calls the service with KServe's Python SDK (its v2 REST client, kserve.InferenceRESTClient), as
its users would, and prints one JSON report on stdout for the jest test to assert on.

usage: kserve_rest.py <base url> <model> <photo>...
"""
import asyncio
import base64
import json
import sys

import httpx
import numpy as np
from kserve import InferenceRESTClient, InferInput, InferRequest, RESTConfig
from kserve.protocol.infer_type import RequestedOutput


def summary(response):
    outputs = {o.name: o for o in response.outputs}
    labels = outputs["detection_labels"].as_numpy()
    return {
        "id": response.id,
        "num_detections": outputs["num_detections"].as_numpy().tolist(),
        "labels": [[x.decode() if isinstance(x, bytes) else str(x) for x in row] for row in labels],
    }


async def main():
    base, model, photos = sys.argv[1], sys.argv[2], sys.argv[3:]
    raw = [open(p, "rb").read() for p in photos]
    client = InferenceRESTClient(RESTConfig(protocol="v2", retries=0))

    def request(binary, request_id, **kwargs):
        tensor = InferInput("image", [len(raw)], "BYTES")
        if binary:
            tensor.set_data_from_numpy(np.array(raw, dtype=np.object_), binary_data=True)
        else:
            tensor.data = [base64.b64encode(b).decode() for b in raw]
        return InferRequest(model_name=model, infer_inputs=[tensor], request_id=request_id, **kwargs)

    async def error_of(call):
        try:
            await call
        except httpx.HTTPStatusError as e:
            return {"status": e.response.status_code, "body": e.response.json()}
        return None

    report = {
        "live": await client.is_server_live(base),
        "ready": await client.is_server_ready(base),
        "model_ready": await client.is_model_ready(base, model),
        "json": summary(await client.infer(base, request(False, "k1"), model_name=model)),
        "binary": summary(await client.infer(base, request(True, "k2"), model_name=model)),
        "binary_outputs": summary(await client.infer(
            base, request(True, "k3", request_outputs=[
                RequestedOutput("num_detections", parameters={"binary_data": True}),
                RequestedOutput("detection_labels", parameters={"binary_data": True})]),
            model_name=model)),
        "errors": {
            "unknown_model": await error_of(
                client.infer(base, request(False, "k4"), model_name="no-such-model")),
        },
    }
    await client.close()
    json.dump(report, sys.stdout)


asyncio.run(main())
