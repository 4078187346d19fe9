// Real photographs for the tests: the fetcher lives in core/sample-photos.ts (training's synthetic
// datasets use it too). Run directly (`npx tsx test/helpers/photos.ts`) to pre-fetch the cache,
// e.g. in CI set-up.
import { ensurePhotos } from '../../core/sample-photos';

export {
  ensurePhotos,
  photosCacheDir,
  photosMissingReason,
  readPhoto,
} from '../../core/sample-photos';

if (require.main === module) {
  const result = ensurePhotos();
  if (result.missing) {
    process.stderr.write(`${result.missing}\n`);
    process.exit(1);
  }
  process.stdout.write(`${result.dir}\n`);
}
