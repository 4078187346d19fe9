// The playground's static files: served with their content types and cache headers, revalidated
// by ETag, only from the fixed list; and written so the helmet CSP (script-src 'self') allows
// them: no inline scripts, inline event handlers, inline styles or off-site URLs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Fastify from 'fastify';
import { PLAYGROUND_DIR, registerPlaygroundRoutes } from '../../../serving/src/routes/playground';

const app = Fastify();
registerPlaygroundRoutes(app);
afterAll(() => app.close());

describe('playground route', () => {
  it('serves the page at / with no-cache and an ETag that answers 304', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const again = await app.inject({ url: '/', headers: { 'if-none-match': res.headers.etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it.each([
    ['main.js', 'text/javascript; charset=utf-8'],
    ['playground.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s, cacheable for a short while', async (file, type) => {
    const res = await app.inject({ url: `/playground/${file}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
  });

  it.each(['nope.js', '..%2Fsrc%2Fapp.ts', '..%2F..%2Fpackage.json', 'index.html'])(
    'answers 404 JSON for /playground/%s',
    async (file) => {
      const res = await app.inject({ url: `/playground/${file}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('not_found');
    },
  );
});

describe('playground files under a script-src self CSP', () => {
  const files = fs.readdirSync(PLAYGROUND_DIR);
  const html = fs.readFileSync(path.join(PLAYGROUND_DIR, 'index.html'), 'utf8');

  it('has no inline script, handler or style in the page', () => {
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\/[^/]/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/<style|\sstyle=/i);
  });

  it.each(files)('%s loads nothing from another origin', (file) => {
    const text = fs.readFileSync(path.join(PLAYGROUND_DIR, file), 'utf8');
    expect(text).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    expect(text).not.toMatch(/\binnerHTML\b|\beval\(|new Function\(/);
  });
});
