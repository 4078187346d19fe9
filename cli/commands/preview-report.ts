// `mlops preview-report`: turns `pulumi preview --json` output (one file per stack), the base and
// head synthesized manifests and the model metadata into one Markdown PR comment.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../errors';
import { diffManifests } from '../preview-report/manifests';
import { readModel, renderModelSection } from '../preview-report/models';
import { parsePreview } from '../preview-report/preview-json';
import { GITHUB_COMMENT_LIMIT, renderReport } from '../preview-report/render';

interface Options {
  stack: string[];
  baseManifests?: string;
  headManifests?: string;
  modelBase?: string;
  modelHead?: string;
  limit: string;
  out?: string;
}

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      2,
    );
  }
}

export function previewReport(o: Options): { markdown: string; cut: string[] } {
  if (o.stack.length === 0 && !o.modelHead) {
    throw new CliError('--stack <name>=<preview.json> (repeatable) or --model-head is required', 2);
  }
  const stacks = o.stack.map((spec) => {
    const [stack, file] = spec.split('=', 2);
    if (!stack || !file)
      throw new CliError(`--stack expects <name>=<preview.json>, got "${spec}"`, 2);
    try {
      return { stack, preview: parsePreview(read(file, 'preview'), file) };
    } catch (error) {
      throw error instanceof CliError ? error : new CliError((error as Error).message, 2);
    }
  });
  if (Boolean(o.baseManifests) !== Boolean(o.headManifests)) {
    throw new CliError('--base-manifests and --head-manifests go together', 2);
  }
  const limit = Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1000)
    throw new CliError(`--limit must be an integer ≥ 1000, got "${o.limit}"`, 2);
  const manifestDiffs =
    o.baseManifests && o.headManifests ? diffManifests(o.baseManifests, o.headManifests) : [];
  const modelSection = o.modelHead
    ? renderModelSection(o.modelBase ? readModel(o.modelBase) : undefined, readModel(o.modelHead))
    : undefined;
  return renderReport({ stacks, manifestDiffs, ...(modelSection ? { modelSection } : {}), limit });
}

export function registerPreviewReport(program: Command): void {
  program
    .command('preview-report')
    .description(
      'render pulumi previews, manifest diffs and model deltas as one PR comment (Markdown)',
    )
    .option(
      '--stack <name=file>',
      'a stack and its `pulumi preview --json` output (repeatable)',
      (v, acc: string[]) => [...acc, v],
      [],
    )
    .option('--base-manifests <dir>', 'synthesized manifests of the base branch')
    .option('--head-manifests <dir>', 'synthesized manifests of the PR head')
    .option('--model-base <metadata.json>', 'metadata of the model version deployed now')
    .option('--model-head <metadata.json>', 'metadata of the model version the PR deploys')
    .option('--limit <chars>', 'maximum comment length', String(GITHUB_COMMENT_LIMIT))
    .option('--out <file>', 'write the Markdown here instead of stdout')
    .action((o: Options) => {
      const { markdown, cut } = previewReport(o);
      if (o.out) writeFileSync(o.out, markdown);
      else process.stdout.write(`${markdown}\n`);
      if (cut.length > 0) process.stderr.write(`preview-report: shortened (${cut.join('; ')})\n`);
    });
}
