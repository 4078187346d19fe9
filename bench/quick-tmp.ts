import { runLoad } from '/work/main/bench/lib/load';
import { startServing } from '/work/main/bench/lib/serving-process';
import { readPhoto } from '/work/main/core/sample-photos';
import { peakResidentMiB } from '/work/main/bench/lib/process-stats';
(async () => {
  const configs: [string, NodeJS.ProcessEnv][] = JSON.parse(process.argv[2]!);
  const body = readPhoto('astronaut.png');
  for (let round = 0; round < Number(process.argv[3] ?? 1); round++)
  for (const [name, env] of configs) {
    const s = await startServing(env);
    const url = `${s.url}/v1/detect`;
    await runLoad({ url, body, contentType: 'image/png', connections: 4, durationSeconds: 3 });
    const out: string[] = [];
    for (const c of [1, 16]) {
      const r = await runLoad({ url, body, contentType: 'image/png', connections: c, durationSeconds: 8 });
      out.push(`c=${c} ${r.throughput.toFixed(2)} req/s p50 ${r.ok.p50.toFixed(0)}`);
    }
    console.log(name, out.join(' | '), 'peak', peakResidentMiB(s.pid), 'MiB');
    await s.stop();
  }
})();
