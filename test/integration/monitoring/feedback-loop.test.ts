// The feedback loop end to end with real components: Debian's Prometheus scrapes a running serving
// instance and evaluates the generated rules; Alertmanager routes with the generated config; the
// training trigger webhook receives the alert. Traffic turning dark raises the input drift score,
// ModelInputDrift fires, and exactly one training run starts however often the alert repeats.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { TRAINING_TRIGGER_PATHS } from '../../../core/contract';
import { renderAlertmanagerConfig } from '../../../monitoring/alertmanager';
import { renderRuleFile, ruleGroups } from '../../../monitoring/rules/render';
import { DEFAULT_MONITORING_SETTINGS, SCRAPE_JOBS } from '../../../monitoring/settings';
import { buildTriggerApp } from '../../../training/src/trigger/trigger-app';
import { photosMissingReason } from '../../helpers/photos';
import { describeWhen, findExecutable } from '../../helpers/requirements';
import { astronautDrift } from '../serving/drift-fixtures';
import { MODEL, startHarness, type Harness } from '../serving/harness';

jest.setTimeout(240_000);
const prometheus = findExecutable('prometheus');
const alertmanager = findExecutable('alertmanager') ?? findExecutable('prometheus-alertmanager');
const missing =
  !prometheus || !alertmanager
    ? 'Debian prometheus and prometheus-alertmanager'
    : photosMissingReason();

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

describeWhen(missing)('drift → alert → training trigger', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-'));
  const procs: ChildProcess[] = [];
  const runs: { model: string; reason: string; at: number }[] = [];
  const webhookCalls: number[] = [];
  let serving: Harness;
  let trigger: ReturnType<typeof buildTriggerApp>;
  let promPort = 0;

  beforeAll(async () => {
    const { baseline } = await astronautDrift();
    serving = await startHarness({ env: {}, baseline: { ...baseline } });
    const servingPort = await freePort();
    await serving.app.listen({ host: '127.0.0.1', port: servingPort });

    // A run takes longer than the test: repeated alerts must not start a second one.
    trigger = buildTriggerApp({
      token: 'trigger-token-0123456789abcdef',
      startRun: (model, reason) => {
        runs.push({ model, reason, at: Date.now() });
        return new Promise((r) => setTimeout(r, 600_000).unref());
      },
    });
    trigger.addHook('onRequest', async (req) => {
      if (req.url === TRAINING_TRIGGER_PATHS.alertmanager) webhookCalls.push(Date.now());
    });
    const triggerPort = await freePort();
    await trigger.listen({ host: '127.0.0.1', port: triggerPort });

    fs.writeFileSync(path.join(dir, 'token'), 'trigger-token-0123456789abcdef');
    const amPort = await freePort();
    fs.writeFileSync(
      path.join(dir, 'alertmanager.yml'),
      renderAlertmanagerConfig({
        triggerUrl: `http://127.0.0.1:${triggerPort}${TRAINING_TRIGGER_PATHS.alertmanager}`,
        triggerTokenFile: path.join(dir, 'token'),
        retrainGroupWait: '1s',
      }),
    );
    procs.push(
      spawn(
        alertmanager!,
        [
          `--config.file=${path.join(dir, 'alertmanager.yml')}`,
          `--storage.path=${path.join(dir, 'am')}`,
          `--web.listen-address=127.0.0.1:${amPort}`,
          '--cluster.listen-address=',
        ],
        { stdio: 'ignore' },
      ),
    );
    // The shipped rules with test-sized windows: trusted after 5 images, firing after 2 s.
    const settings = { ...DEFAULT_MONITORING_SETTINGS, driftMinSamples: 5, driftFor: '2s' };
    fs.writeFileSync(path.join(dir, 'rules.yml'), renderRuleFile(ruleGroups(settings)));
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: [path.join(dir, 'rules.yml')],
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
        scrape_configs: [
          {
            job_name: SCRAPE_JOBS.serving,
            static_configs: [{ targets: [`127.0.0.1:${servingPort}`] }],
          },
        ],
      }),
    );
    promPort = await freePort();
    procs.push(
      spawn(
        prometheus!,
        [
          `--config.file=${path.join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
        ],
        { stdio: 'ignore' },
      ),
    );
    await until(
      'Prometheus to scrape serving',
      async () => {
        const r = await fetch(
          `http://127.0.0.1:${promPort}/api/v1/query?query=up{job="${SCRAPE_JOBS.serving}"}`,
        );
        const j = (await r.json()) as { data: { result: { value: [number, string] }[] } };
        return j.data.result[0]?.value[1] === '1' ? true : undefined;
      },
      60_000,
    );
  });

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await trigger?.close();
    await serving?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const detect = async (body: Buffer) => {
    const res = await serving.app.inject({
      method: 'POST',
      url: '/v1/detect',
      headers: { 'content-type': 'image/png' },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
  };
  const firing = async (alert: string) => {
    const r = await fetch(`http://127.0.0.1:${promPort}/api/v1/alerts`);
    const j = (await r.json()) as {
      data: { alerts: { labels: Record<string, string>; state: string }[] };
    };
    return j.data.alerts.find((a) => a.labels.alertname === alert && a.state === 'firing');
  };

  it('stays quiet on normal traffic, then fires ModelInputDrift and starts exactly one run', async () => {
    const { photo, dark } = await astronautDrift();
    for (let i = 0; i < 6; i++) await detect(photo);
    await sleep(4000); // several scrapes and rule evaluations
    expect(await firing('ModelInputDrift')).toBeUndefined();
    expect(runs).toHaveLength(0);

    const shift = Date.now();
    for (let i = 0; i < 10; i++) await detect(dark);
    const alert = await until('ModelInputDrift to fire', () => firing('ModelInputDrift'), 60_000);
    const fired = Date.now();
    expect(alert.labels).toMatchObject({ model: MODEL, version: '1', action: 'retrain' });
    await until(
      'the training run to start',
      async () => (runs.length > 0 ? true : undefined),
      60_000,
    );
    const started = runs[0]!.at;
    // More traffic and more evaluations: the incident stays one run.
    for (let i = 0; i < 4; i++) await detect(dark);
    await sleep(8000);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.reason).toBe('alert ModelInputDrift');
    process.stdout.write(
      `feedback loop: shift→alert firing ${((fired - shift) / 1000).toFixed(1)} s, ` +
        `→ training run started ${((started - shift) / 1000).toFixed(1)} s; ` +
        `webhook calls ${webhookCalls.length}, runs started ${runs.length}\n`,
    );
  });
});
