// GET /openapi.json and GET /docs: the API reference rendered on the server as plain HTML (no
// scripts, no CDN), so it works offline and under a strict Content-Security-Policy.
import type { FastifyInstance } from 'fastify';
import { SERVING_PATHS } from '../../../core/contract';
import type { AppDeps } from '../app';
import { openApiDocument } from '../openapi';

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

type Op = {
  summary?: string;
  parameters?: { name: string; in: string; description?: string }[];
  responses?: Record<string, unknown>;
};

export function renderDocs(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Op>>;
  const rows = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = (op.parameters ?? [])
        .map((p) => `<code>${escape(p.name)}</code> (${p.in})`)
        .join(', ');
      const codes = Object.keys(op.responses ?? {}).join(' ');
      return `<tr><td class="m">${method.toUpperCase()}</td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}${params ? `<br><small>${params}</small>` : ''}</td><td>${codes}</td></tr>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)} API</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:70rem}td{border-top:1px solid #ddd;padding:.4rem;vertical-align:top}.m{font-weight:bold}code{background:#f4f4f4;padding:0 .2rem}</style></head>
<body><h1>${escape(info.title)}</h1><p>${escape(info.description)}</p>
<p>Machine-readable: <a href="${SERVING_PATHS.openapi}">${SERVING_PATHS.openapi}</a>. Example: <code>curl --data-binary @photo.png -H 'Content-Type: image/png' localhost:8080${SERVING_PATHS.detect}</code></p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Responses</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></body></html>`;
}

export function registerDocsRoutes(app: FastifyInstance, _deps: AppDeps): void {
  const doc = openApiDocument();
  const html = renderDocs(doc);
  app.get(SERVING_PATHS.openapi, async () => doc);
  app.get(SERVING_PATHS.docs, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(html),
  );
}
