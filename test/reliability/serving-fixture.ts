// One serving process per reliability suite, started before its tests and stopped after.
import { startServing, type ServingProcess } from '../../bench/lib/serving-process';

export function useServing(env: NodeJS.ProcessEnv = {}): () => ServingProcess {
  let server: ServingProcess | undefined;
  beforeAll(async () => {
    server = await startServing(env);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the serving process did not start');
    return server;
  };
}
