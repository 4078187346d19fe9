// The Registry view: every model with its versions, aliases, metrics, lineage and the PR-curve
// images of each version's run report.
import { el, getJson, getSvgDataUrl } from './api.js';

const $ = (id) => document.getElementById(id);
const fmt = (v) => (typeof v === 'number' ? (v < 0 ? 'n/a' : v.toFixed(3)) : String(v));
const base = (name) => `/v1/registry/models/${encodeURIComponent(name)}`;

function table(caption, rows) {
  if (rows.length === 0) return el('p', { class: 'muted' }, `${caption}: none recorded`);
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el(
      'tbody',
      {},
      ...rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, v))),
    ),
  );
}

function lineage(l) {
  return table('Lineage', [
    ['dataset', l.dataset ? `${l.dataset.name} v${l.dataset.version}` : '—'],
    ['parent', l.parent ? `${l.parent.name} v${l.parent.version}` : '—'],
    ['run', l.runId ?? '—'],
    ['code', l.codeRevision ?? '—'],
  ]);
}

function versionCard(name, v) {
  const title = el(
    'h3',
    {},
    `v${v.version}`,
    ...v.aliases.map((a) => el('span', { class: 'alias' }, a)),
  );
  const metrics = table(
    'Metrics',
    Object.entries(v.metrics).map(([k, m]) => [k, fmt(m)]),
  );
  const figures = el('div', { class: 'figures' });
  for (const file of v.reports.filter((f) => f.endsWith('.svg'))) {
    const img = el('img', { alt: `${name} v${v.version} ${file}`, width: '480' });
    const figure = el('figure', {}, img, el('figcaption', {}, file));
    figures.append(figure);
    getSvgDataUrl(`${base(name)}/versions/${v.version}/report/${encodeURIComponent(file)}`)
      .then((url) => img.setAttribute('src', url))
      .catch((err) => figure.append(el('p', { class: 'error' }, err.message)));
  }
  return el(
    'article',
    { class: 'version', 'data-version': String(v.version) },
    title,
    el('p', { class: 'muted' }, `${v.format}, ${v.labels} classes, created ${v.createdAt}`),
    el('div', { class: 'tables' }, metrics, lineage(v.lineage)),
    figures.childElementCount
      ? figures
      : el('p', { class: 'muted' }, 'no run report (not trained by the pipeline)'),
  );
}

async function modelSection(name) {
  const m = await getJson(base(name));
  const aliases = Object.entries(m.aliases).map(([a, v]) => `${a} → v${v}`);
  const labels = m.served ? Object.entries(m.served.labels).map(([a, v]) => `${a} → v${v}`) : [];
  return el(
    'section',
    { class: 'model', 'data-model': name, 'aria-label': `model ${name}` },
    el('h2', {}, name),
    el('p', {}, `registry aliases: ${aliases.join(', ') || 'none'}`),
    el(
      'p',
      {},
      m.served
        ? `served versions: ${m.served.versions.join(', ')}; labels: ${labels.join(', ') || 'none'}`
        : 'not served by this replica',
    ),
    ...m.versions.map((v) => versionCard(name, v)),
  );
}

export async function loadRegistry() {
  $('registry-status').textContent = 'loading…';
  try {
    const { models } = await getJson('/v1/registry/models');
    $('registry').replaceChildren(...(await Promise.all(models.map((m) => modelSection(m.name)))));
    $('registry-status').textContent = `${models.length} model(s)`;
  } catch (err) {
    $('registry-status').textContent = `registry unavailable: ${err.message}`;
  }
}
