import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { displayFile, renderDiagnostics } from '../parse/render-errors.js';
import { compileNode } from './compile-node.js';
import { lazyConnection } from './lazy-connection.js';

const COMPILED = new Set(['model', 'test', 'analysis', 'snapshot']);

/**
 * Writes the compiled files synchronously, creating each folder once. Thousands of small new files cost mostly
 * kernel time (open/create); the async APIs add a thread-pool hand-off per open, write and close on top (measured
 * here: 30,000 files, about 1 s of CPU synchronously against 2-5 s through fs/promises; 4 or 16 callback writes in
 * flight were no faster in wall time on 2 cores and used 1-3 s more CPU).
 */
function writeAll(files: { path: string; sql: string }[]): void {
  for (const d of new Set(files.map((f) => dirname(f.path)))) mkdirSync(d, { recursive: true });
  for (const f of files) writeFileSync(f.path, f.sql);
}

export interface CompileResult {
  compiled: { uniqueId: string; path: string; sql: string }[];
}

/**
 * `dbt compile`: renders the given nodes with execute=true (connecting only if a template queries the warehouse),
 * writes each to target/compiled/<package>/<path>, and reports every failure together.
 */
export async function compileProject(project: ParsedProject, ids: string[], runtime: Partial<RenderRuntime> = {}): Promise<CompileResult> {
  const connection = runtime.connection ?? lazyConnection(project.adapter, project.target);
  const rt: RenderRuntime = { execute: true, which: 'compile', ...runtime, connection };
  const problems: Diagnostic[] = [];
  const compiled: CompileResult['compiled'] = [];
  try {
    for (const id of ids) {
      const node = project.manifest.nodes[id];
      if (!node || !COMPILED.has(node.resource_type)) continue;
      try {
        const sql = await compileNode(project, id, rt);
        compiled.push({ uniqueId: id, path: join(project.projectDir, node.compiled_path!), sql });
      } catch (error) {
        problems.push(...renderDiagnostics(error, displayFile(project, node.package_name, node.original_file_path)));
      }
    }
    writeAll(compiled);
  } finally {
    if (!runtime.connection) await connection.close();
  }
  if (problems.length > 0) {
    throw new TsdbtError(problems.length === 1 ? problems[0]!.code : 'TSDBT_COMPILE_FAILED', problems.length === 1 ? problems[0]!.message : `${problems.length} nodes failed to compile`, { diagnostics: problems });
  }
  return { compiled };
}
