import { compileProject, lazyConnection, loadSelectors, parseProject, renderSql, selectNodes, writeManifest } from '@tsdbt/core';
import type { IndirectSelection } from '@tsdbt/core';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';
import { reportWarnings } from '../report-error.js';

export interface CompileArgs extends GlobalArgs {
  select?: string[];
  exclude?: string[];
  selector?: string;
  threads?: number;
  inline?: string;
  indirectSelection?: IndirectSelection;
}

async function compileInline(argv: CompileArgs, sql: string): Promise<void> {
  const project = await parseProject(parseOptionsFrom(argv));
  reportWarnings(project.diagnostics, { projectDir: project.projectDir, format: argv.logFormat, quiet: true });
  const connection = lazyConnection(project.adapter, project.target);
  try {
    const out = await renderSql(project, sql, { execute: true, connection, which: 'compile', introspect: argv.introspect }, 'inline');
    process.stdout.write(`${out.trim()}\n`);
  } finally {
    await connection.close();
  }
}

/** `tsdbt compile`: renders the selection to target/compiled/, or prints one `--inline` statement. */
export async function compileHandler(argv: CompileArgs): Promise<number> {
  if (argv.inline !== undefined) {
    await compileInline(argv, argv.inline);
    return 0;
  }
  const project = await parseProject(parseOptionsFrom(argv));
  reportWarnings(project.diagnostics, { projectDir: project.projectDir, format: argv.logFormat, quiet: argv.quiet });
  const ids = selectNodes(project.manifest, {
    select: argv.select, exclude: argv.exclude, selector: argv.selector, selectors: loadSelectors(project.projectDir),
    indirectSelection: argv.indirectSelection,
  });
  try {
    // The manifest is written (in finally) while the compiled files still are; writeManifest waits for them.
    // --no-introspect: a model that queries the warehouse fails, as in dbt (see core's requireConnection).
    const result = await compileProject(project, ids, { introspect: argv.introspect }, { deferWrites: true });
    // dbt prints the compiled SQL of each node whose name is in the first --select value (so `-s orders` shows
    // orders, not the tests its eager selection brought along).
    const first = argv.select?.[0] ?? '';
    const shown = first ? result.compiled.filter((c) => first.includes(project.manifest.nodes[c.uniqueId]?.name ?? '\u0000')) : [];
    if (!argv.quiet && shown.length) {
      for (const c of shown) process.stdout.write(`Compiled node '${project.manifest.nodes[c.uniqueId]!.name}' is:\n${c.sql.trim()}\n`);
    } else if (!argv.quiet) process.stdout.write(`Compiled ${result.compiled.length} nodes to ${project.targetPath}/compiled\n`);
  } finally {
    // --no-write-json: no manifest.json, as dbt; the compiled files are still awaited.
    if (argv.writeJson === false) await project.pendingWrites;
    else await writeManifest(project);
  }
  return 0;
}
