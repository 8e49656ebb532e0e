import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TsdbtError, formatDiagnostic, listLines, loadProjectSelectors, parseProject, select } from '@tsdbt/core';
import type { GlobalArgs } from '../global-options.js';
import type { Diagnostic, IndirectSelection, ListOutput, Manifest, ParsedProject, RunResultsLike, SelectOptions } from '@tsdbt/core';

export interface LsArgs extends GlobalArgs {
  select?: string[];
  models?: string[];
  exclude?: string[];
  selector?: string;
  resourceType?: string[];
  excludeResourceType?: string[];
  output: ListOutput;
  outputKeys?: string[];
  state?: string;
  indirectSelection: IndirectSelection;
}

/** `tsdbt ls`: prints the selected nodes (even with --quiet: they are the output). */
export async function listCommand(argv: LsArgs): Promise<number> {
  const project = await parseProject({
    projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars,
    targetPath: argv.targetPath, noPartialParse: argv.partialParse === false,
  });
  const json = argv.logFormat === 'json';
  const log = (name: string, msg: string, level = 'info') => `${JSON.stringify({ info: { name, level, msg, ts: new Date().toISOString(), invocation_id: project.invocationId }, data: { msg } })}\n`;
  const warn = (d: Diagnostic) => {
    if (argv.quiet) return;
    process.stderr.write(json ? log(d.code, d.message, 'warn') : `${formatDiagnostic(d, { projectDir: project.projectDir })}\n`);
  };
  project.diagnostics.forEach(warn);
  const result = select(project.manifest, selectOptions(argv, project));
  result.diagnostics.forEach(warn);
  if (result.selected.length === 0) {
    warn({ code: 'TSDBT_NOTHING_SELECTED', severity: 'warning', message: 'No nodes selected!' });
    return 0;
  }
  const keys = argv.outputKeys?.flatMap((k) => k.split(',')).map((k) => k.trim()).filter(Boolean);
  const lines = listLines(project.manifest, result.selected, argv.output, keys);
  // dbt prints results even with --quiet: they are the command's output, not its log.
  process.stdout.write(json ? lines.map((l) => log('ListCmdOut', l)).join('') : `${lines.join('\n')}\n`);
  return 0;
}

function selectOptions(argv: LsArgs, project: ParsedProject): SelectOptions {
  const stored = Object.keys(project.manifest.selectors ?? {}).length > 0;
  const legacyModels = Boolean(argv.models?.length);
  const stateDir = argv.state ?? process.env.DBT_STATE;
  return {
    select: legacyModels ? [...(argv.select ?? []), ...argv.models!] : argv.select,
    exclude: argv.exclude,
    selector: argv.selector,
    selectors: stored ? undefined : loadProjectSelectors(project),
    resourceTypes: legacyModels ? ['model'] : argv.resourceType?.length ? argv.resourceType : ['default'],
    excludeResourceTypes: argv.excludeResourceType,
    indirectSelection: argv.indirectSelection,
    ...(stateDir ? readState(stateDir) : {}),
  };
}

/** `--state DIR`: manifest.json for `state:`, run_results.json (when there) for `result:`. */
function readState(dir: string): { state?: Manifest; previousResults?: RunResultsLike } {
  const folder = resolve(dir);
  if (!existsSync(join(folder, 'manifest.json')) && !existsSync(join(folder, 'run_results.json'))) {
    throw new TsdbtError('TSDBT_STATE_NOT_FOUND', `--state ${dir}: no manifest.json or run_results.json there`, { exitCode: 2, hint: 'Point --state at the target folder of an earlier run.' });
  }
  const read = (name: string): unknown => {
    const file = join(folder, name);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new TsdbtError('TSDBT_STATE_INVALID', `--state ${dir}: ${name} is not valid JSON`, { cause, exitCode: 2, file });
    }
  };
  return { state: read('manifest.json') as Manifest | undefined, previousResults: read('run_results.json') as RunResultsLike | undefined };
}
