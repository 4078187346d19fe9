// A tfjs IO handler that loads a graph model's JSON and weight shards through a file reader
// (registry, local disk) instead of HTTP: nothing is fetched from the network.
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './tf-types';

export type FileReader = (relativePath: string) => Promise<Buffer>;

export function fileIoHandler(tf: Tf, entry: string, read: FileReader): tfjs.io.IOHandler {
  const dir = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
  return {
    load: async () => {
      const json = JSON.parse((await read(entry)).toString('utf8')) as tfjs.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tfjs.io.WeightsManifestEntry[] = [];
        const shards: Buffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const shard of group.paths) shards.push(await read(dir + shard));
        }
        const all = Buffer.concat(shards);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
      });
    },
  };
}
