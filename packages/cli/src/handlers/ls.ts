import { formatDiagnostic, listLines, loadProjectSelectors, parseProject, readSourcesJson, select } from '@tsdbt/core';
import { readState } from '@tsdbt/runner';
import { cliFlags } from '../cli-flags.js';
import { levelShown, type GlobalArgs } from '../global-options.js';
import { applyWarnError } from '../report-error.js';
import type { Diagnostic, IndirectSelection, ListOutput, ParsedProject, SelectOptions } from '@tsdbt/core';

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
    projectDir: argv.projectDir, profilesDir: argv.profilesDir, profile: argv.profile, target: argv.target, vars: argv.vars,
    targetPath: argv.targetPath, noPartialParse: argv.partialParse === false,
  });
  const json = argv.logFormat === 'json';
  const log = (name: string, msg: string, level = 'info') => `${JSON.stringify({ info: { name, level, msg, ts: new Date().toISOString(), invocation_id: project.invocationId }, data: { msg } })}\n`;
  const warn = (d: Diagnostic) => {
    if (!applyWarnError([d]).length || argv.quiet || !levelShown('warn', cliFlags().logLevel)) return;
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
  const artifacts = stateDir ? readState(stateDir) : {};
  return {
    select: legacyModels ? [...(argv.select ?? []), ...argv.models!] : argv.select,
    exclude: argv.exclude,
    selector: argv.selector,
    selectors: stored ? undefined : loadProjectSelectors(project),
    resourceTypes: legacyModels ? ['model'] : argv.resourceType?.length ? argv.resourceType : ['default'],
    excludeResourceTypes: argv.excludeResourceType,
    indirectSelection: argv.indirectSelection,
    ...artifacts,
    currentSources: artifacts.previousSources ? readSourcesJson(project.targetPath) : undefined,
  };
}
