// Reads a local directory into a { relative/path: absolute path } map for publishing (model files,
// dataset images), skipping nothing but what the caller excludes.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CliError } from '../errors';

export async function readDirFiles(
  dir: string,
  argument: string,
  exclude: ReadonlySet<string> = new Set(),
): Promise<Record<string, string>> {
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new CliError(`${argument}: ${dir} is not a directory`, 2);
  const files: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
      const key = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (exclude.has(key)) continue;
      if (entry.isDirectory()) await walk(key);
      else if (entry.isFile()) files[key] = path.join(root, key);
    }
  };
  await walk('');
  return files;
}

export async function readJsonFile(file: string, argument: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(
      `${argument}: cannot read JSON from ${file} (${(error as Error).message})`,
      2,
    );
  }
}
