// Images for the real node, built here with buildah (no daemon) and pushed to the local registry.
// buildah's storage (the layer cache) lives outside the clone, in the toolchain cache, so
// rebuilds and fresh clones reuse layers. The sandbox image holds only the toolchain's static
// pause program.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locateBinary } from '../binaries';
import { run } from '../kube';
import { NODE, NODE_PATHS, PAUSE_IMAGE } from './layout';

const CACHE =
  process.env.MLOPS_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mlops-stack');

/** buildah with the project's storage; `overlay` is what the facts measured to work here. */
export async function buildah(args: readonly string[], timeoutMs = 600_000) {
  const storage = [
    '--root',
    path.join(CACHE, 'buildah', 'storage'),
    '--runroot',
    path.join(CACHE, 'buildah', 'run'),
    '--storage-driver',
    'overlay',
  ];
  const r = await run('buildah', [...storage, ...args], { timeoutMs });
  if (!r.ok) throw new Error(`buildah ${args[0]} failed: ${r.stderr.trim().slice(-1500)}`);
  return r.stdout.trim();
}

/** `registry/repo:tag` as pushed from the host (the registry on 127.0.0.1). */
export const hostRef = (ref: string): string =>
  ref.replace(/^[^/]+/, `127.0.0.1:${NODE.registryPort}`);

/** Pushes a local image to the node's registry under `ref` (its registry part is replaced). */
export async function pushToRegistry(local: string, ref: string): Promise<void> {
  await buildah(['push', '--tls-verify=false', local, `docker://${hostRef(ref)}`]);
}

/** The sandbox image: FROM scratch, the pause program, non-root. Skipped when already pushed. */
export async function ensurePauseImage(): Promise<void> {
  const [repo, tag] = PAUSE_IMAGE.replace(/^[^/]+\//, '').split(':');
  const probe = await fetch(`http://127.0.0.1:${NODE.registryPort}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
  }).catch(() => undefined);
  if (probe?.ok) return;
  const pause = locateBinary('pause');
  if (!pause) throw new Error('pause not built: run `npm run toolchain`');
  const work = fs.mkdtempSync(path.join(NODE_PATHS.logs, '..', 'pause-'));
  try {
    fs.copyFileSync(pause, path.join(work, 'pause'));
    const c = await buildah(['from', 'scratch']);
    try {
      await buildah(['copy', '--chmod', '0755', c, path.join(work, 'pause'), '/pause']);
      await buildah(['config', '--entrypoint', '["/pause"]', '--user', '65535:65535', c]);
      await buildah(['commit', '--rm', c, 'localhost/mlops-pause:1']);
    } catch (err) {
      await buildah(['rm', c]).catch(() => undefined);
      throw err;
    }
    await pushToRegistry('localhost/mlops-pause:1', PAUSE_IMAGE);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
