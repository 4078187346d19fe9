// Worker-thread side of the wasm detector pool: loads one model version with the wasm backend
// (each worker is its own single-threaded wasm instance) and answers detect messages.
import { parentPort, workerData } from 'node:worker_threads';
import { initTf } from '../../../core/tf/backend';
import { Detector } from '../../../core/detection/detector';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';

async function main(): Promise<void> {
  const port = parentPort!;
  const init = workerData as WorkerInit;
  const send = (m: FromWorker) => port.postMessage(m);
  let detector: Detector;
  try {
    const { tf } = await initTf({ purpose: 'inference', prefer: 'wasm', log: () => undefined });
    const read = async (file: string) => {
      const bytes = init.files[file];
      if (!bytes) throw new Error(`model file ${file} missing`);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    };
    detector = await Detector.load(
      tf,
      { format: init.format, entry: init.entry, read, inputDtype: init.inputDtype },
      init.processing,
    );
    await detector.warmUp();
    send({ type: 'ready' });
  } catch (err) {
    send({ type: 'init-error', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'dispose') {
      detector.dispose();
      port.close();
      return;
    }
    detector.detect(msg.images, msg.options).then(
      (r) => send({ type: 'result', id: msg.id, ...r }),
      (err: unknown) =>
        send({
          type: 'error',
          id: msg.id,
          message: err instanceof Error ? err.message : String(err),
        }),
    );
  });
}

void main();
