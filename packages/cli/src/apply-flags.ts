import { setCliFlags } from './cli-flags.js';
import type { GlobalArgs } from './global-options.js';
import { readProjectFlags } from './project-flags.js';
import { checkCompatEnv, resolveFlags, warnErrorOptionsText } from './resolve-flags.js';
import { parseOptionsText } from './warn-error.js';

/**
 * yargs middleware: resolves the global flags once, before the handler runs (flag > DBT_* variable > dbt_project.yml's
 * `flags:` > default), and writes back the values handlers read from argv (so `--no-write-json`,
 * `DBT_WRITE_JSON=false` and `flags: {write_json: false}` look the same to them).
 */
export async function applyFlags(argv: GlobalArgs): Promise<void> {
  checkCompatEnv();
  // Only the `flags:` key is read here; the project itself is parsed once, by the command.
  const project = await readProjectFlags(argv.projectDir ?? process.env.DBT_PROJECT_DIR ?? '.', argv as unknown as Record<string, unknown>);
  const options = warnErrorOptionsText(argv);
  const warnErrorOptions = options && (await parseOptionsText(options.text, options.source));
  const flags = resolveFlags(argv, { project, warnErrorOptions });
  setCliFlags(flags);
  argv.writeJson = flags.writeJson;
  argv.logFormat = flags.logFormat;
  argv.failFast = flags.failFast;
  argv.partialParse = flags.partialParse;
  argv.introspect = flags.introspect;
  // --indirect-selection's last layers: the flag and $DBT_INDIRECT_SELECTION come first (selection-options.ts).
  const selection = argv as GlobalArgs & { indirectSelection?: string };
  if (project.indirectSelection && selection.indirectSelection === undefined && !process.env.DBT_INDIRECT_SELECTION?.trim())
    selection.indirectSelection = project.indirectSelection;
}
