// Real photographs for tests and synthetic datasets: Debian's python3-skimage package ships
// skimage/data/*.png (astronaut, coffee, motorcycle_left, …). They are fetched on demand with
// `apt-get download` + `dpkg -x` into a cache outside the repository and never committed.
// Serving's tests and training's `mlops dataset synth` share this one fetcher.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PACKAGE = 'python3-skimage';
const DATA_SUBDIR = 'usr/lib/python3/dist-packages/skimage/data';

/** Cache root; override with MLOPS_PHOTOS_CACHE (tests and tools only, not a service setting). */
export function photosCacheDir(): string {
  return (
    process.env.MLOPS_PHOTOS_CACHE ?? path.join(os.homedir(), '.cache', 'mlops-stack', 'photos')
  );
}

let cached: { dir?: string; missing?: string } | undefined;

/** Ensures the photos are in the cache. Returns their directory, or why they are unavailable. */
export function ensurePhotos(): { dir?: string; missing?: string } {
  if (cached) return cached;
  const root = photosCacheDir();
  const dir = path.join(root, 'extracted', DATA_SUBDIR);
  if (fs.existsSync(path.join(dir, 'astronaut.png'))) return (cached = { dir });
  try {
    fs.mkdirSync(root, { recursive: true });
    const work = fs.mkdtempSync(path.join(root, 'download-'));
    execFileSync('apt-get', ['download', PACKAGE], { cwd: work, stdio: 'pipe', timeout: 120_000 });
    const deb = fs.readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${PACKAGE} produced no .deb`);
    // Extract into a temporary directory first so a crash never leaves a half-filled cache.
    const staging = path.join(work, 'x');
    execFileSync('dpkg', ['-x', path.join(work, deb), staging], { stdio: 'pipe' });
    fs.rmSync(path.join(root, 'extracted'), { recursive: true, force: true });
    fs.renameSync(staging, path.join(root, 'extracted'));
    fs.rmSync(work, { recursive: true, force: true });
    return (cached = { dir });
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return (cached = { missing: `photos from ${PACKAGE} unavailable (${reason})` });
  }
}

/** Why real-photo work cannot run, or undefined when the photos are available. */
export function photosMissingReason(): string | undefined {
  return ensurePhotos().missing;
}

/** Reads one photo (e.g. 'astronaut.png'); call only when photosMissingReason() is undefined. */
export function readPhoto(name: string): Buffer {
  const { dir, missing } = ensurePhotos();
  if (!dir) throw new Error(missing);
  return fs.readFileSync(path.join(dir, name));
}
