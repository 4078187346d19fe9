// The Detect view: choose or drop an image, pick model / version or label / threshold, call
// POST /v1/detect, draw the boxes (original image pixels) on the canvas and list them.
import { el, getJson, postImage } from './api.js';

const $ = (id) => document.getElementById(id);
const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#008080', '#9a6324'];
let file;
let bitmap;
let served = [];

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

function fillTargets() {
  const model = served.find((m) => m.name === $('model').value);
  const target = $('target');
  target.replaceChildren(el('option', { value: '' }, 'default routing'));
  if (!model?.served) return;
  for (const [label, v] of Object.entries(model.served.labels))
    target.append(el('option', { value: `label:${label}` }, `label ${label} (v${v})`));
  for (const v of model.served.versions)
    target.append(el('option', { value: `version:${v}` }, `version ${v}`));
}

export async function loadModels() {
  const { models } = await getJson('/v1/registry/models');
  served = models.filter((m) => m.served);
  $('model').replaceChildren(...served.map((m) => el('option', { value: m.name }, m.name)));
  fillTargets();
}

function draw(detections) {
  const canvas = $('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const line = Math.max(2, Math.round(bitmap.width / 250));
  ctx.lineWidth = line;
  ctx.font = `${Math.max(12, line * 7)}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  detections.forEach((d, i) => {
    const color = COLORS[d.classId % COLORS.length];
    const { x, y, width, height } = d.box;
    ctx.strokeStyle = color;
    ctx.strokeRect(x, y, width, height);
    const text = `${d.label} ${(d.score * 100).toFixed(0)}%`;
    const h = line * 7 + 6;
    const ty = y >= h ? y - h : y;
    ctx.fillStyle = color;
    ctx.fillRect(x, ty, ctx.measureText(text).width + 8, h);
    ctx.fillStyle = '#fff';
    ctx.fillText(text, x + 4, ty + 3);
  });
  canvas.dataset.boxes = String(detections.length);
  canvas.setAttribute('aria-label', `Image with ${detections.length} detected boxes`);
}

function list(detections) {
  $('detections').replaceChildren(
    ...detections.map((d) =>
      el(
        'li',
        {
          class: 'detection',
          'data-label': d.label,
          'data-box': [d.box.x, d.box.y, d.box.width, d.box.height].join(','),
        },
        el('span', { class: 'swatch', 'data-color': String(d.classId % COLORS.length) }),
        el('strong', {}, d.label),
        ` ${d.score.toFixed(3)} `,
        el(
          'small',
          {},
          `at ${Math.round(d.box.x)},${Math.round(d.box.y)} ${Math.round(d.box.width)}×${Math.round(d.box.height)}`,
        ),
      ),
    ),
  );
  if (detections.length === 0) $('detections').append(el('li', {}, 'nothing above the threshold'));
}

function latency(timings, roundTripMs) {
  const rows = [...Object.entries(timings), ['client round trip (ms)', roundTripMs]];
  $('latency').replaceChildren(
    ...rows.flatMap(([k, v]) => [
      el('dt', {}, k.replace(/Ms$/, ' (ms)')),
      el('dd', {}, /Ms$|round trip/.test(k) ? Number(v).toFixed(1) : String(v)),
    ]),
  );
}

async function run() {
  if (!file) return;
  const params = new URLSearchParams({ threshold: $('threshold').value });
  if ($('model').value) params.set('model', $('model').value);
  const [kind, value] = $('target').value.split(':');
  if (kind && value) params.set(kind, value);
  setStatus('detecting…');
  $('run').disabled = true;
  const started = performance.now();
  try {
    const r = await postImage(`/v1/detect?${params}`, file);
    const roundTrip = performance.now() - started;
    draw(r.detections);
    list(r.detections);
    latency(r.timings, roundTrip);
    setStatus(`${r.model.name} v${r.model.version}: ${r.detections.length} detections`);
  } catch (err) {
    setStatus(`detect failed: ${err.message}`, true);
  } finally {
    $('run').disabled = false;
  }
}

async function choose(chosen) {
  if (!chosen) return;
  if (!/^image\/(jpeg|png|webp)$/.test(chosen.type)) {
    setStatus(`${chosen.name}: not a JPEG, PNG or WebP image`, true);
    return;
  }
  file = chosen;
  bitmap = await createImageBitmap(chosen);
  draw([]);
  $('run').disabled = false;
  await run();
}

export function initDetect() {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    choose(e.dataTransfer.files[0]);
  });
  $('file').addEventListener('change', () => choose($('file').files[0]));
  $('model').addEventListener('change', fillTargets);
  $('threshold').addEventListener('input', () => {
    $('threshold-value').value = Number($('threshold').value).toFixed(2);
  });
  $('detect-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
}
