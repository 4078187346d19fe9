// Progress for long steps: a bar with ETA on a terminal (cli-progress), one JSON log line per
// update otherwise (CI, Kubernetes Jobs), so logs stay machine-readable.
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  start(task: string, total: number): void;
  update(done: number, fields?: Record<string, number | string>): void;
  stop(): void;
  log(event: string, fields?: Record<string, unknown>): void;
}

export function createProgress(tty: boolean, write: (line: string) => void): Progress {
  let bar: SingleBar | undefined;
  let task = '';
  let total = 0;
  const log = (event: string, fields: Record<string, unknown> = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
  return {
    start(name, n) {
      task = name;
      total = n;
      if (tty) {
        bar = new SingleBar(
          {
            format: `${name.padEnd(9)} {bar} {value}/{total} | ETA {eta_formatted} | {info}`,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(n, 0, { info: '' });
      }
    },
    update(done, fields = {}) {
      if (bar)
        bar.update(done, {
          info: Object.entries(fields)
            .map(([k, v]) => `${k} ${v}`)
            .join(' '),
        });
      else log('progress', { task, done, total, ...fields });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
    log: (event, fields) => {
      if (!bar) log(event, fields);
    },
  };
}
