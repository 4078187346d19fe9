// GET / and GET /playground/<asset>: the web playground, plain HTML/CSS/JS files from
// serving/playground read once at start-up (a fixed list, so no request can name another file).
// Everything is same-origin, which the helmet CSP (script-src 'self') requires.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVING_PATHS } from '../../../core/contract';

/** serving/playground (from serving/src/routes here, dist/serving/src/routes in the image). */
export const PLAYGROUND_DIR = path.resolve(__dirname, '../../playground');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

export function loadPlaygroundAssets(dir: string = PLAYGROUND_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const file of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(file)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(dir, file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(file, { body, type, etag });
  }
  if (!assets.has('index.html')) throw new Error(`playground: ${dir} has no index.html`);
  return assets;
}

/** Revalidated on every load (ETag), so a new deployment's page is picked up at once. */
function send(req: FastifyRequest, reply: FastifyReply, asset: Asset, cache: string) {
  reply.header('cache-control', cache).header('etag', asset.etag);
  if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  return reply.type(asset.type).send(asset.body);
}

export function registerPlaygroundRoutes(app: FastifyInstance, dir?: string): void {
  const assets = loadPlaygroundAssets(dir);
  const index = assets.get('index.html')!;
  app.get(SERVING_PATHS.playground, async (req, reply) => send(req, reply, index, 'no-cache'));
  app.get<{ Params: { file: string } }>(
    `${SERVING_PATHS.playgroundAssets}/:file`,
    async (req, reply) => {
      const asset = assets.get(req.params.file);
      if (!asset || req.params.file === 'index.html')
        return reply
          .code(404)
          .send({ error: 'not_found', message: `no playground asset ${req.params.file}` });
      return send(req, reply, asset, 'public, max-age=300, must-revalidate');
    },
  );
}
