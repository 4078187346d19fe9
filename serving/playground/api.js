// Same-origin API calls; the optional API key (kept for this tab only) goes in X-API-Key.
const keyInput = () => document.getElementById('api-key');

export function initApiKey() {
  const input = keyInput();
  input.value = sessionStorage.getItem('mlops-api-key') ?? '';
  input.addEventListener('change', () => sessionStorage.setItem('mlops-api-key', input.value));
}

function headers(extra = {}) {
  const key = keyInput().value.trim();
  return key ? { ...extra, 'x-api-key': key } : extra;
}

async function failure(res) {
  const body = await res.json().catch(() => ({}));
  return new Error(`${res.status} ${body.error ?? ''}: ${body.message ?? res.statusText}`);
}

export async function getJson(path) {
  const res = await fetch(path, { headers: headers({ accept: 'application/json' }) });
  if (!res.ok) throw await failure(res);
  return res.json();
}

/** An SVG report as a data: URL (img-src allows data:, and an <img> never runs SVG scripts). */
export async function getSvgDataUrl(path) {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) throw await failure(res);
  const bytes = new Uint8Array(await res.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

export async function postImage(path, file) {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'content-type': file.type || 'application/octet-stream' }),
    body: file,
  });
  if (!res.ok) throw await failure(res);
  return res.json();
}

/** Builds an element from attributes and children; API data only ever becomes text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}
