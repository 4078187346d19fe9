// The layering of docs/architecture.md, checked on the import statements of every source file:
// core/ imports nothing above it, and training/ reaches serving/ only from its demo entry.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** Top-level folders a file imports through relative specifiers. */
function importedFolders(file: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import\(|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)];
  return new Set(
    specs.map(
      (m) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), m[1]!)).split(path.sep)[0]!,
    ),
  );
}

function violations(dir: string, forbidden: readonly string[], allowed: (f: string) => boolean) {
  return sources(dir)
    .filter((f) => !allowed(f))
    .flatMap((f) =>
      [...importedFolders(f)].filter((d) => forbidden.includes(d)).map((d) => `${f} → ${d}/`),
    );
}

describe('dependency direction', () => {
  it('finds the imports it checks', () => {
    expect(importedFolders('training/src/model/predict.ts')).toContain('core');
  });

  it('core/ imports no layer above it', () => {
    expect(violations('core', ['serving', 'training', 'infra', 'cli'], () => false)).toEqual([]);
  });

  it('training/ imports serving/ only from the ct:demo entry', () => {
    const demo = (f: string) => f.startsWith(path.join('training', 'src', 'demo'));
    expect(violations('training', ['serving', 'infra', 'cli'], demo)).toEqual([]);
  });

  it('serving/ imports neither training/ nor the stacks', () => {
    expect(violations('serving', ['training', 'infra', 'cli'], () => false)).toEqual([]);
  });
});
