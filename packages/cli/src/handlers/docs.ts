import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compileNode, isTsdbtError, makeDirs, parseProject, readJsonFile, TsdbtError, writeManifest, type Connection, type Diagnostic } from '@tsdbt/core';
import type { Catalog, DashboardData } from '@tsdbt/docs';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';

export interface DocsArgs extends GlobalArgs {
  compile?: boolean;
  emptyCatalog?: boolean;
  port?: number;
  host?: string;
  browser?: boolean;
}

const say = (argv: DocsArgs, line: string) => argv.quiet || process.stdout.write(`${line}\n`);

/** A JSON artifact of an earlier command (run_results.json, sources.json) when present. */
function readArtifact<T>(dir: string, name: string): T | undefined {
  const path = join(dir, name);
  return readJsonFile<T>(path, (cause) => new TsdbtError('TSDBT_DOCS_ARTIFACT_INVALID', `${path} is not valid JSON`, { cause, hint: `Delete it or rerun the command that wrote it.` }));
}

/** dbt compiles every node for docs generate; all failures are reported together. */
async function compileAll(project: Project, connection: Connection): Promise<void> {
  const problems: Diagnostic[] = [];
  for (const node of Object.values(project.manifest.nodes)) {
    if (node.resource_type === 'seed' || node.config.enabled === false) continue;
    try {
      await compileNode(project, node.unique_id, { execute: true, connection, which: 'compile' });
    } catch (error) {
      if (!isTsdbtError(error)) throw error;
      problems.push(...error.diagnostics);
    }
  }
  if (problems.length > 0) throw new TsdbtError(problems[0]!.code, `${problems.length} node(s) failed to compile`, { diagnostics: problems });
}

type Project = Awaited<ReturnType<typeof parseProject>>;
type Docs = typeof import('@tsdbt/docs');

function emptyCatalog(project: Project): Catalog {
  const { dbt_version } = project.manifest.metadata;
  const metadata = { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version, generated_at: new Date().toISOString(), invocation_id: project.invocationId, env: {} };
  return { metadata, nodes: {}, sources: {}, errors: null };
}

/** Compiles (unless --no-compile) and reads the warehouse (unless --empty-catalog); connects only when one of them runs. */
async function readWarehouse(argv: DocsArgs, project: Project, docs: Docs): Promise<{ catalog?: Catalog; dashboard?: DashboardData }> {
  if (argv.compile === false && argv.emptyCatalog) return {};
  // The default DuckDB file lives in target/, which a fresh clone does not have yet.
  makeDirs(project.targetPath);
  const connection = await project.adapter.connect(project.target);
  try {
    if (argv.compile !== false) await compileAll(project, connection);
    if (argv.emptyCatalog) return {};
    say(argv, 'Building catalog');
    const catalog = await docs.readCatalog(connection, project.dialect, project.manifest);
    return { catalog, dashboard: await docs.readDashboard(connection, project.dialect, project.manifest) };
  } finally {
    await connection.close();
  }
}

/** `tsdbt docs generate`: compile, read the catalog and the dashboard, write the site. */
export async function generate(argv: DocsArgs): Promise<number> {
  const docs = await import('@tsdbt/docs');
  const project = await parseProject(parseOptionsFrom(argv));
  const { catalog = emptyCatalog(project), dashboard } = await readWarehouse(argv, project, docs);
  // --no-write-json: no manifest.json, as dbt; the site and catalog.json are still written.
  if (argv.writeJson !== false) await writeManifest(project);
  const targetDir = project.targetPath;
  await writeFile(join(targetDir, 'catalog.json'), JSON.stringify(catalog));
  const result = await docs.generateDocs({
    targetDir, manifest: project.manifest, catalog, dashboard,
    runResults: readArtifact(targetDir, 'run_results.json'), sources: readArtifact(targetDir, 'sources.json'),
  });
  for (const error of catalog.errors ?? []) process.stderr.write(`warning TSDBT_DOCS_CATALOG_ERROR: ${error}\n`);
  if (dashboard?.skipped) say(argv, dashboard.skipped);
  say(argv, `Catalog written to ${join(targetDir, 'catalog.json')}`);
  say(argv, `Docs site written to ${result.indexPath} (${result.nodeCount} resources)`);
  return 0;
}

/** `tsdbt docs serve`: serve target/ until Ctrl-C. */
export async function serve(argv: DocsArgs): Promise<number> {
  const { serveDocs } = await import('@tsdbt/docs');
  const projectDir = resolve(argv.projectDir ?? process.env.DBT_PROJECT_DIR ?? '.');
  const targetDir = resolve(projectDir, argv.targetPath ?? process.env.DBT_TARGET_PATH ?? 'target');
  const server = await serveDocs({ targetDir, port: argv.port, host: argv.host });
  say(argv, `Serving docs at ${server.url}\nPress Ctrl+C to exit.`);
  if (argv.browser) openBrowser(server.url);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return 0;
}

/** Only with --browser: dbt opens one by default, tsdbt opens nothing it was not asked to. */
function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(cmd, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}
