// The playground in a real headless Chromium against a real serving process: upload the
// astronaut photo through the file input, wait for boxes on the canvas, check a person is listed
// and box pixels were drawn, then open the registry view; no CSP violation may occur. Screenshots
// go to test-artifacts/ (git-ignored).
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { photosMissingReason, readPhoto } from '../helpers/photos';
import { describeWhen, findExecutable } from '../helpers/requirements';
import { startHarness, type Harness } from '../integration/serving/harness';
import { publishTrainedVersion } from '../integration/serving/registry-fixtures';

jest.setTimeout(180_000);

const CHROMIUM = findExecutable('chromium');
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const missing = CHROMIUM
  ? photosMissingReason()
  : 'chromium is not installed (scripts/setup-apt.sh installs it)';

/**
 * Share of pixels in the box colour of class 0 (person) along the middle halves of the person
 * box's left, right and bottom edges (clear of the label), on the page canvas and on the bare
 * image decoded again from the file input. Browser-side code as a string: this project compiles
 * without DOM types.
 */
const EDGE_COVERAGE = `(async () => {
  const [x, y, w, h] = document
    .querySelector('li.detection[data-label="person"]').dataset.box.split(',').map(Number);
  const points = [];
  for (let t = 0.25; t <= 0.75; t += 0.01) {
    points.push([x, y + t * h], [x + w, y + t * h], [x + t * w, y + h]);
  }
  const share = (ctx) => {
    let hits = 0;
    for (const [px, py] of points) {
      const d = ctx.getImageData(Math.round(px) - 1, Math.round(py) - 1, 3, 3).data;
      let hit = false;
      for (let i = 0; i < d.length; i += 4)
        if (d[i] === 0xe6 && d[i + 1] === 0x19 && d[i + 2] === 0x4b) hit = true;
      if (hit) hits++;
    }
    return hits / points.length;
  };
  const drawn = share(document.getElementById('canvas').getContext('2d'));
  const bitmap = await createImageBitmap(document.getElementById('file').files[0]);
  const bare = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
  bare.drawImage(bitmap, 0, 0);
  return { drawn, bare: share(bare) };
})()`;

describeWhen(missing)('playground in a headless browser', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let base: string;
  const problems: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ env: {} });
    await publishTrainedVersion(h);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.dispose();
  });

  it('detects the astronaut from an uploaded file and draws her box', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('#model option', { state: 'attached' });
    await page.setInputFiles('#file', {
      name: 'astronaut.png',
      mimeType: 'image/png',
      buffer: readPhoto('astronaut.png'),
    });
    await page.waitForSelector('#canvas:not([data-boxes="0"])', { timeout: 60_000 });
    const labels = await page.$$eval('li.detection', (els) => els.map((e) => e.dataset.label));
    expect(labels).toContain('person');
    const person = await page.textContent('li.detection[data-label="person"]');
    expect(Number(person!.match(/person ([\d.]+)/)![1])).toBeGreaterThanOrEqual(0.5);
    // The outline is drawn where the API put the box; the photo has no such pixels there.
    const edges: { drawn: number; bare: number } = await page.evaluate(EDGE_COVERAGE);
    expect(edges.drawn).toBeGreaterThan(0.95);
    expect(edges.bare).toBeLessThan(0.05);
    const latency = await page.textContent('#latency');
    expect(latency).toContain('client round trip');
    expect(latency).toContain('inference');
    const shot = path.join(ARTIFACTS, 'playground.png');
    await page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`playground screenshot: ${shot}\n`);
    expect(problems).toEqual([]);
  });

  it('lists the registry versions with aliases, metrics and PR curves', async () => {
    await page.click('#tab-registry');
    await page.waitForSelector('article.version[data-version="2"] img[src^="data:image/svg+xml"]');
    const versions = await page.$$eval('section[data-model] article.version', (els) =>
      els.map((e) => Number(e.getAttribute('data-version'))),
    );
    expect(versions).toEqual([2, 1]);
    const v2 = await page.textContent('article.version[data-version="2"]');
    expect(v2).toContain('staging');
    expect(v2).toContain('0.412');
    expect(v2).toContain('street-photos v3');
    const loaded = await page.$$eval('article.version[data-version="2"] img', (imgs) =>
      imgs.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
    );
    expect(loaded).toEqual([true, true]);
    const shot = path.join(ARTIFACTS, 'playground-registry.png');
    await page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`registry screenshot: ${shot}\n`);
    expect(problems).toEqual([]);
  });

  it('is operable by keyboard: arrow keys switch tabs, controls have labels', async () => {
    await page.focus('#tab-registry');
    await page.keyboard.press('ArrowLeft');
    expect(await page.isVisible('#view-detect')).toBe(true);
    expect(await page.isHidden('#view-registry')).toBe(true);
    expect(await page.getAttribute('#tab-detect', 'aria-selected')).toBe('true');
    for (const label of ['Model', 'Version or label', 'Threshold', 'API key'])
      expect(await page.getByLabel(label, { exact: false }).count()).toBeGreaterThan(0);
    await page.focus('#threshold');
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#threshold-value')).toBe('0.35');
  });
});
