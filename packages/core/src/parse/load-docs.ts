import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Manifest } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import type { DiscoveredFile } from './discover-files.js';
import { parseDocBlocks } from './docs-blocks.js';
import { displayFile } from './render-errors.js';

/** Reads `{% docs %}` blocks into `docs` (by `package.name`) and the manifest's `docs`. */
export function loadDocs(packages: ProjectPackage[], files: Map<string, DiscoveredFile[]>, docs: Map<string, string>, manifest: Manifest, problems: Diagnostic[]): void {
  for (const pkg of packages) {
    for (const f of files.get(pkg.name) ?? []) {
      const shown = displayFile({ packages }, pkg.name, f.file);
      try {
        for (const block of parseDocBlocks(readFileSync(join(pkg.dir, f.file), 'utf8'), shown)) {
          docs.set(`${pkg.name}.${block.name}`, block.text);
          manifest.docs[`doc.${pkg.name}.${block.name}`] = {
            name: block.name, resource_type: 'doc', package_name: pkg.name, path: f.path, original_file_path: f.file,
            unique_id: `doc.${pkg.name}.${block.name}`, block_contents: block.text,
          };
        }
      } catch (error) {
        if (error instanceof TsdbtError) problems.push(...error.diagnostics);
        else throw error;
      }
    }
  }
}
