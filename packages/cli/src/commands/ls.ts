import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandModule, Options } from 'yargs';
import { TsdbtError, formatDiagnostic, listLines, loadProjectSelectors, parseProject, select } from '@tsdbt/core';
import type { Diagnostic, IndirectSelection, ListOutput, Manifest, ParsedProject, RunResultsLike, SelectOptions } from '@tsdbt/core';

const lsOptions = {
  select: { type: 'string', array: true, alias: 's', describe: 'Nodes to include (dbt selection syntax)' },
  models: { type: 'string', array: true, alias: 'm', describe: "Like --select, listing models only (dbt's legacy flag)" },
  exclude: { type: 'string', array: true, describe: 'Nodes to leave out' },
  selector: { type: 'string', describe: 'A named selector from selectors.yml' },
  'resource-type': { type: 'string', array: true, describe: 'Only these types (model, seed, snapshot, test, unit_test, source, exposure, analysis, default, all)' },
  'exclude-resource-type': { type: 'string', array: true, describe: 'Leave out these resource types' },
  output: { type: 'string', alias: 'o', choices: ['selector', 'name', 'path', 'json'], default: 'selector', describe: 'What to print for each node' },
  'output-keys': { type: 'string', array: true, describe: 'With --output json: the keys to print (space- or comma-separated)' },
  state: { type: 'string', describe: 'Folder with manifest.json (and run_results.json) of an earlier run, for state: and result: (default: $DBT_STATE)' },
  'indirect-selection': {
    type: 'string',
    choices: ['eager', 'cautious', 'buildable', 'empty'],
    default: process.env.DBT_INDIRECT_SELECTION ?? 'eager',
    describe: 'How tests of selected nodes are selected ($DBT_INDIRECT_SELECTION)',
  },
} as const satisfies Record<string, Options>;

interface LsArgs {
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
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  quiet?: boolean;
  logFormat?: 'text' | 'json';
  exitCode?: number;
}

export const lsCommand: CommandModule<object, LsArgs> = {
  command: ['ls', 'list'],
  describe: 'List the resources of the project that a selection picks (dbt ls)',
  builder: (y) =>
    y
      .options(lsOptions)
      .example('$0 ls', 'Every model, seed, snapshot, test, source and exposure')
      .example('$0 ls -s +orders --resource-type model', 'orders and every model upstream of it')
      .example('$0 ls -s tag:nightly --exclude staging --output path', 'Files of nightly nodes outside staging')
      .example('$0 ls --selector nightly --output json --output-keys name,config', 'A selectors.yml selector, as JSON') as never,
  handler: async (argv) => {
    argv.exitCode = await listCommand(argv);
  },
};

async function listCommand(argv: LsArgs): Promise<number> {
  const project = await parseProject({ projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars });
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
