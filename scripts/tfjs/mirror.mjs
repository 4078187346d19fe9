// A loopback-only static file server standing in for the tfjs-node download hosts during
// `npm ci`, so tfjs-node's own install script runs unchanged against files prepared in the cache.
// Plain Node (no dependencies): it runs before node_modules exists.
// Usage: node scripts/tfjs/mirror.mjs <dir>  -> prints the port, serves until killed.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? '.');

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const file = resolve(root, `.${decodeURIComponent(url.pathname)}`);
  let size = -1;
  try {
    if (file.startsWith(root + sep)) size = statSync(file).isFile() ? statSync(file).size : -1;
  } catch {
    size = -1;
  }
  process.stderr.write(`[tfjs-mirror] ${req.method} ${url.pathname} ${size < 0 ? 404 : 200}\n`);
  if (size < 0) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-length': size, 'content-type': 'application/gzip' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
