import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectPackage } from '../project/packages.js';
import type { JinjaEngine } from '../jinja/index.js';
import { walkFiles } from '../util/walk-files.js';
import { displayFile } from './render-errors.js';

/** Folder of tsdbt's built-in macros (namespace `dbt`); the same from src/ and dist/. */
export const INCLUDE_DIR = fileURLToPath(new URL('../../include/', import.meta.url));

function add(engine: JinjaEngine, pkg: string, file: string, source: string, problems: Diagnostic[]): void {
  try {
    engine.addMacroFile(pkg, file, source);
  } catch (error) {
    if (error instanceof TsdbtError) problems.push(...error.diagnostics.map((d) => ({ ...d, file: d.file ?? file })));
    else problems.push({ code: 'TSDBT_JINJA_SYNTAX', severity: 'error', message: (error as Error).message, file });
  }
}

/**
 * Registers macros: dbt's built-ins first, then packages, then the root project, so a project's
 * generate_schema_name (or any macro) takes precedence as in dbt.
 */
export function loadMacros(engine: JinjaEngine, packages: ProjectPackage[], macroFiles: Map<string, { file: string }[]>, problems: Diagnostic[]): void {
  for (const file of walkFiles(INCLUDE_DIR, 'macros', ['.sql'])) add(engine, 'dbt', file, readFileSync(join(INCLUDE_DIR, file), 'utf8'), problems);
  const ordered = [...packages.filter((p) => !p.isRoot), ...packages.filter((p) => p.isRoot)];
  for (const pkg of ordered) {
    for (const { file } of macroFiles.get(pkg.name) ?? []) {
      add(engine, pkg.name, displayFile({ packages }, pkg.name, file), readFileSync(join(pkg.dir, file), 'utf8'), problems);
    }
  }
}
