import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from 'tar';
import { httpGet } from './http-get.js';

/**
 * Downloads a .tar.gz and extracts it under `workDir`; returns the package folder: the archive's one top folder
 * (GitHub's `dbt-utils-1.1.1/`), or the extraction folder itself when the archive has several entries at the top.
 */
export async function downloadTarball(url: string, workDir: string): Promise<string> {
  const data = await httpGet(url);
  mkdirSync(workDir, { recursive: true });
  const archive = join(workDir, 'package.tar.gz');
  writeFileSync(archive, data);
  const out = join(workDir, 'extracted');
  mkdirSync(out);
  try {
    await extract({ file: archive, cwd: out, strict: true });
  } catch (error) {
    throw Object.assign(new Error(`${url} is not a readable .tar.gz archive (${(error as Error).message})`), { cause: error });
  }
  const top = readdirSync(out, { withFileTypes: true });
  if (top.length === 0) throw new Error(`the archive at ${url} is empty`);
  return top.length === 1 && top[0]!.isDirectory() ? join(out, top[0]!.name) : out;
}
