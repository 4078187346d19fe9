import * as fs from 'node:fs';
import { runLoad } from './lib/load';
import { startServing } from './lib/serving-process';
import { readPhoto } from '../core/sample-photos';
const st = (pid: number) => Object.fromEntries(fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').filter((l) => /^(VmHWM|VmRSS|RssAnon)/.test(l)).map((l) => { const [k, v] = l.split(':'); return [k, Math.round(parseInt(v!) / 1024)]; }));
(async () => {
  for (const env of JSON.parse(process.argv[2]!) as NodeJS.ProcessEnv[]) {
    const s = await startServing(env);
    const body = readPhoto('coffee.png');
    const r = await runLoad({ url: `${s.url}/v1/detect`, body, contentType: 'image/png', connections: 4, durationSeconds: 20 });
    console.log(JSON.stringify(env), r.throughput.toFixed(2), 'req/s', st(s.pid));
    await s.stop();
  }
})();
