import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { displayFile, renderDiagnostics } from '../parse/render-errors.js';
import { compileNode } from './compile-node.js';
import { lazyConnection } from './lazy-connection.js';

const COMPILED = new Set(['model', 'test', 'analysis', 'snapshot']);

/** Writes files with a few writes in flight at once, creating each folder once (thousands of awaited writes in a row leave the CPU idle). */
async function writeAll(files: { path: string; sql: string }[]): Promise<void> {
  const dirs = new Set(files.map((f) => dirname(f.path)));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      await writeFile(f.path, f.sql);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
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
    await writeAll(compiled);
  } finally {
    if (!runtime.connection) await connection.close();
  }
  if (problems.length > 0) {
    throw new TsdbtError(problems.length === 1 ? problems[0]!.code : 'TSDBT_COMPILE_FAILED', problems.length === 1 ? problems[0]!.message : `${problems.length} nodes failed to compile`, { diagnostics: problems });
  }
  return { compiled };
}
