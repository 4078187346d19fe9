"""The Python TensorFlow baseline for the serving benchmark: the same model (converted to a
SavedModel by graph_model_to_saved_model.py), the same pre/post-processing as the TypeScript
service (letterbox to 512x512 keeping the aspect ratio, boxes mapped back, score threshold).

  tf_detect.py raw SAVED_MODEL IMAGE [--runs N]   median model-call time, JSON on stdout
  tf_detect.py serve SAVED_MODEL --port P         POST /v1/detect (image bytes) -> JSON
"""

import argparse
import io
import json
import statistics
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import tensorflow as tf
from PIL import Image

SIZE = 512


class Model:
    def __init__(self, path):
        self.fn = tf.saved_model.load(path).signatures["serving_default"]

    def infer(self, batch):
        return self.fn(images=tf.constant(batch))["detections"].numpy()


def letterbox(data):
    img = Image.open(io.BytesIO(data)).convert("RGB")
    scale = min(SIZE / img.width, SIZE / img.height)
    w, h = max(1, round(img.width * scale)), max(1, round(img.height * scale))
    canvas = np.zeros((SIZE, SIZE, 3), dtype=np.float32)
    left, top = (SIZE - w) // 2, (SIZE - h) // 2
    canvas[top:top + h, left:left + w] = np.asarray(img.resize((w, h), Image.BILINEAR))
    return canvas[None], (scale, left, top, img.width, img.height)


def detect(model, data, threshold=0.3):
    t0 = time.perf_counter()
    batch, (scale, left, top, width, height) = letterbox(data)
    t1 = time.perf_counter()
    rows = model.infer(batch)[0]
    t2 = time.perf_counter()
    out = []
    for x1, y1, x2, y2, score, cls in rows:
        if score < threshold:
            continue
        bx1 = min(max((x1 - left) / scale, 0), width)
        by1 = min(max((y1 - top) / scale, 0), height)
        bx2 = min(max((x2 - left) / scale, 0), width)
        by2 = min(max((y2 - top) / scale, 0), height)
        out.append({"classId": int(cls), "score": float(score),
                    "box": {"x": float(bx1), "y": float(by1),
                            "width": float(bx2 - bx1), "height": float(by2 - by1)}})
    timings = {"decodeMs": (t1 - t0) * 1000, "inferenceMs": (t2 - t1) * 1000}
    return {"detections": out, "timings": timings}


def serve(model, port):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes

        def do_GET(self):
            self.reply(200, {"ready": True})

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            try:
                self.reply(200, detect(model, body))
            except Exception as err:  # noqa: BLE001 - any bad image is the client's error
                self.reply(400, {"error": "bad_image", "message": str(err)})

        def reply(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on {port}", flush=True)
    server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["raw", "serve"])
    parser.add_argument("saved_model")
    parser.add_argument("image", nargs="?")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--port", type=int, default=8500)
    args = parser.parse_args()
    model = Model(args.saved_model)
    if args.mode == "serve":
        serve(model, args.port)
        return
    batch, _ = letterbox(open(args.image, "rb").read())
    for _ in range(3):
        model.infer(batch)
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        model.infer(batch)
        times.append((time.perf_counter() - t0) * 1000)
    json.dump({"medianMs": statistics.median(times), "runs": args.runs,
               "tensorflow": tf.__version__}, sys.stdout)


if __name__ == "__main__":
    main()
