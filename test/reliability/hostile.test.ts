// Hostile inputs (≥ 500 generated cases) against the real serving process: every invalid input
// is answered 4xx with a JSON {error, message}; inputs that may still decode are never a 5xx;
// the process never crashes and a valid request after every 50 cases succeeds.
import { photosMissingReason, readPhoto } from '../helpers/photos';
import { describeWhen } from '../helpers/requirements';
import { hostileCases, type HostileCase } from './hostile-cases';
import { report } from './report';
import { useServing } from './serving-fixture';

interface Outcome {
  readonly c: HostileCase;
  readonly status: number;
  readonly json?: { error?: unknown; message?: unknown };
}

async function send(url: string, c: HostileCase): Promise<Outcome> {
  const res = await fetch(url + c.path, {
    method: 'POST',
    body: c.body,
    headers: c.contentType ? { 'content-type': c.contentType } : {},
  });
  const text = await res.text();
  let json: Outcome['json'];
  try {
    json = JSON.parse(text) as Outcome['json'];
  } catch {
    json = undefined;
  }
  return { c, status: res.status, json };
}

describeWhen(photosMissingReason())('hostile inputs', () => {
  const serving = useServing();

  it('answers every case without a 5xx and keeps serving', async () => {
    const server = serving();
    const photo = readPhoto('astronaut.png');
    const cases = await hostileCases(photo);
    expect(cases.length).toBeGreaterThanOrEqual(500);
    const outcomes: Outcome[] = [];
    let validChecks = 0;
    for (let i = 0; i < cases.length; i += 50) {
      const chunk = cases.slice(i, i + 50);
      // Eight at a time: hostile traffic arrives concurrently too.
      for (let j = 0; j < chunk.length; j += 8) {
        outcomes.push(
          ...(await Promise.all(chunk.slice(j, j + 8).map((c) => send(server.url, c)))),
        );
      }
      const ok = await fetch(`${server.url}/v1/detect`, {
        method: 'POST',
        body: photo,
        headers: { 'content-type': 'image/png' },
      });
      expect(ok.status).toBe(200);
      validChecks++;
      expect(server.child.exitCode).toBeNull();
    }
    // Native routes answer { error: code, message }; TF Serving and the Open Inference Protocol
    // answer their protocols' own { error: message } and nothing else.
    const protocolRoute = (p: string) => p.startsWith('/v1/models/') || p.startsWith('/v2/');
    const wellFormedError = (o: Outcome) =>
      typeof o.json?.error === 'string' &&
      (protocolRoute(o.c.path)
        ? Object.keys(o.json).length === 1
        : typeof o.json?.message === 'string');
    const byStatus: Record<string, number> = {};
    for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    const wrong = outcomes.filter(
      (o) =>
        o.status >= 500 ||
        (o.c.expect === '4xx' && (o.status < 400 || o.status >= 500)) ||
        (o.status >= 400 && !wellFormedError(o)),
    );
    report('hostile', {
      cases: outcomes.length,
      mustReject: cases.filter((c) => c.expect === '4xx').length,
      statuses: byStatus,
      validChecks,
      wrong: wrong.map((o) => `${o.c.name} → ${o.status}`),
    });
    expect(wrong.map((o) => `${o.c.name} → ${o.status} ${JSON.stringify(o.json)}`)).toEqual([]);
  }, 600_000);
});
