// The serving process entry (`npm start`): parse the environment once and start (start.ts).
import { parseServingConfig } from './config';
import { startServing } from './start';

Promise.resolve()
  .then(() => startServing(parseServingConfig(process.env), process.env))
  .catch((err: unknown) => {
    process.stderr.write(
      `serving failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  });
