// The inference thread (worker_threads): owns the model sessions of the serving process. Loads,
// compiles and warms up model versions and runs detections on them, one message at a time; the
// native TensorFlow call blocks this thread, never the main one, which keeps answering HTTP.
import { parentPort, workerData } from 'node:worker_threads';
import type { DetectionModel } from '../../../core/detection/detector';
import { createTfModelLoader, type ModelLoader } from './model-loader';
import type { FromThread, ThreadInit, ToThread } from './protocol';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function createLoader(init: ThreadInit): Promise<ModelLoader> {
  if (!init.loaderModule) return createTfModelLoader(init.prefer);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(init.loaderModule) as { createModelLoader: () => Promise<ModelLoader> };
  return mod.createModelLoader();
}

async function main(): Promise<void> {
  const port = parentPort!;
  const send = (m: FromThread) => port.postMessage(m);
  let loader: ModelLoader;
  try {
    loader = await createLoader(workerData as ThreadInit);
  } catch (err) {
    send({ type: 'init-error', message: message(err) });
    return;
  }
  const models = new Map<string, DetectionModel>();
  const handle = async (msg: ToThread): Promise<void> => {
    if (msg.type === 'unload') {
      models.get(msg.key)?.dispose();
      models.delete(msg.key);
      return;
    }
    if (msg.type === 'memory') {
      send({ type: 'memory', id: msg.id, liveTensors: loader.liveTensors() });
      return;
    }
    if (msg.type === 'load') {
      try {
        const model = await loader.load(msg.spec);
        models.set(msg.key, model);
        send({ type: 'loaded', id: msg.id, execution: model.execution, maxBatch: model.maxBatch });
      } catch (err) {
        send({ type: 'error', id: msg.id, message: message(err) });
      }
      return;
    }
    const model = models.get(msg.key);
    if (!model) {
      send({ type: 'error', id: msg.id, message: `model ${msg.key} is not loaded on this thread` });
      return;
    }
    // An exception from the model call leaves TensorFlow's state unknown: it is not caught here,
    // so it ends the thread; the main thread answers 503 and starts a fresh one.
    const r = await model.detect(msg.images, msg.options);
    send({ type: 'result', id: msg.id, ...r, liveTensors: loader.liveTensors() });
  };
  // Messages are handled in order: a load or detect finishes before the next one starts.
  let chain = Promise.resolve();
  port.on('message', (msg: ToThread) => {
    chain = chain.then(() => handle(msg));
    chain.catch((err: unknown) => {
      setImmediate(() => {
        throw err instanceof Error ? err : new Error(message(err));
      });
    });
  });
  send({ type: 'ready', backend: loader.backend, line: loader.line });
}

void main();
