// Child process of the crash-injection test: publishes versions and moves an alias in a loop
// until it is killed. It prints each step it reaches so the parent can report where kills landed.
// Usage: node --import tsx crash-publisher.ts <storage-uri> <model> <run-tag>
import { ModelRegistry } from '../../../core/registry/model-registry';
import { openStorage } from '../../../core/storage/open-storage';
import { s3OptionsFromEnv } from '../../../core/storage/s3-options';
import { sampleFiles, sampleMetadata } from '../../unit/registry/fixtures';

async function main(): Promise<void> {
  const [uri, model, runTag] = process.argv.slice(2);
  const storage = openStorage(uri, { s3: s3OptionsFromEnv(process.env) });
  const registry = new ModelRegistry(storage, {
    onStep: (step) => void process.stdout.write(`step ${step}\n`),
  });
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    const tag = `${runTag}-${i}`;
    const version = await registry.publish(
      model,
      sampleFiles(tag, 64 * 1024),
      sampleMetadata({ trainingParams: { tag } }),
    );
    process.stdout.write('step alias\n');
    await registry.setAlias(model, 'production', version);
    process.stdout.write(`published ${version}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
