import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { buildDbtContext } from '../context/dbt-context.js';
import { newCapture, type RenderCapture, type RenderScope } from '../context/render-scope.js';
import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject } from '../project/parsed-project.js';
import { rememberParseOutput, templateLogs } from '../compile/parse-output.js';
import { displayFile, renderDiagnostics } from './render-errors.js';

/** Renders a node once with execute=false, as dbt parses: captures its refs, sources and config() calls. */
export function renderForParse(project: ParsedProject, node: ManifestNode, problems: Diagnostic[]): RenderCapture | undefined {
  const scope: RenderScope = {
    project,
    node,
    packageName: node.package_name,
    runtime: { execute: false, which: 'parse' },
    parsing: true,
    capture: newCapture(),
    results: new Map(),
    markers: [],
  };
  const file = displayFile(project, node.package_name, node.original_file_path);
  try {
    const logs = templateLogs.count;
    const text = project.engine.render({ name: file, source: node.raw_code, line: node.tsdbt_line }, buildDbtContext(scope));
    if (templateLogs.count !== logs) scope.impure = true;
    rememberParseOutput(node, text, scope);
  } catch (error) {
    problems.push(...renderDiagnostics(error, file));
    return undefined;
  }
  return scope.capture;
}
