import { isAbsolute, join, sep } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { displayFile, renderDiagnostics } from '../parse/render-errors.js';
import { BackgroundWriter } from './background-writer.js';
import { compileBuiltinTest, compileNode } from './compile-node.js';
import { lazyConnection } from './lazy-connection.js';

const COMPILED = new Set(['model', 'test', 'analysis', 'snapshot']);

/** join(projectDir, rel) without path.join's normalising when rel is already a plain relative path. */
function absolutePath(projectDir: string, rel: string): string {
  return sep === '/' && !isAbsolute(rel) && !rel.startsWith('..') && !rel.startsWith('./') && !projectDir.endsWith('/') ? `${projectDir}/${rel}` : join(projectDir, rel);
}

export interface CompileResult {
  compiled: { uniqueId: string; path: string; sql: string }[];
}

export interface CompileOptions {
  /**
   * Return once every node is rendered while the files are still being written (the caller goes on to write the
   * manifest meanwhile). writeManifest waits for them, and reports a failed write.
   */
  deferWrites?: boolean;
}

/**
 * `dbt compile`: renders the given nodes with execute=true (connecting only if a template queries the warehouse),
 * writes each to target/compiled/<package>/<path>, and reports every failure together.
 */
export async function compileProject(project: ParsedProject, ids: string[], runtime: Partial<RenderRuntime> = {}, options: CompileOptions = {}): Promise<CompileResult> {
  const connection = runtime.connection ?? lazyConnection(project.adapter, project.target);
  const rt: RenderRuntime = { execute: true, which: 'compile', ...runtime, connection };
  const problems: Diagnostic[] = [];
  const compiled: CompileResult['compiled'] = [];
  // Files are written on another thread while the rest render (sync writes were most of a large compile's time).
  const writer = new BackgroundWriter(ids.length);
  let written: Promise<number> | undefined;
  try {
    for (const id of ids) {
      const node = project.manifest.nodes[id];
      if (!node || !COMPILED.has(node.resource_type)) continue;
      try {
        const sql = compileBuiltinTest(project, node, rt) ?? (await compileNode(project, id, rt));
        const path = absolutePath(project.projectDir, node.compiled_path!);
        compiled.push({ uniqueId: id, path, sql });
        writer.add(path, sql);
      } catch (error) {
        problems.push(...renderDiagnostics(error, displayFile(project, node.package_name, node.original_file_path)));
      }
    }
    written = writer.finish();
    if (options.deferWrites) {
      const previous = project.pendingWrites;
      project.pendingWrites = Promise.all([previous, written]);
      // Awaited (and reported) by writeManifest; not an unhandled rejection meanwhile.
      project.pendingWrites.catch(() => {});
    } else await written;
  } finally {
    if (!written) await writer.abort();
    if (!runtime.connection) await connection.close();
  }
  if (problems.length > 0) {
    throw new TsdbtError(problems.length === 1 ? problems[0]!.code : 'TSDBT_COMPILE_FAILED', problems.length === 1 ? problems[0]!.message : `${problems.length} nodes failed to compile`, { diagnostics: problems });
  }
  return { compiled };
}
