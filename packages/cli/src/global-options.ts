import type { Options } from 'yargs';
import { cliFlags } from './cli-flags.js';
import { LOG_LEVELS } from './logging-options.js';
import type { RawFlags } from './resolve-flags.js';

/** Flags every command accepts, named as dbt names them (each also read from its DBT_* variable by core). */
export const globalOptions = {
  'project-dir': { type: 'string', describe: 'Folder holding dbt_project.yml (default: $DBT_PROJECT_DIR, then the current folder)' },
  'profiles-dir': { type: 'string', describe: 'Folder holding profiles.yml (default: $DBT_PROFILES_DIR, the project, ~/.dbt)' },
  profile: { type: 'string', describe: "Profile of profiles.yml to use (default: $DBT_PROFILE, then dbt_project.yml's 'profile')" },
  target: { type: 'string', alias: 't', describe: "Target of the profile (default: $DBT_TARGET, then the profile's 'target')" },
  vars: { type: 'string', describe: "Variables as YAML or JSON, e.g. --vars '{start_date: 2024-01-01}'" },
  'target-path': { type: 'string', describe: "Folder for artifacts (default: dbt_project.yml's target-path, 'target')" },
  // No yargs defaults for partial-parse and log-format: unset, they fall back to $DBT_* and dbt_project.yml's flags.
  'partial-parse': { type: 'boolean', describe: 'Reuse target/partial_parse.json when files are unchanged; --no-partial-parse to skip ($DBT_PARTIAL_PARSE; default on)' },
  'log-format': { type: 'string', choices: ['text', 'json'], describe: 'Console format ($DBT_LOG_FORMAT; default text)' },
  debug: { type: 'boolean', alias: 'd', default: false, describe: 'Show debug logging and stack traces' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print errors only' },
} as const satisfies Record<string, Options>;

/** The global flags as parsed by yargs (camel-cased); the logging/warning/artifact ones are resolve-flags.ts's. */
export interface GlobalArgs extends RawFlags {
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  targetPath?: string;
  partialParse?: boolean;
  logFormat?: 'text' | 'json';
  debug?: boolean;
  quiet?: boolean;
  profile?: string;
  exitCode?: number;
}

/** A level's place in LOG_LEVELS (most verbose first); an unknown one counts as info. */
const rank = (level: string): number => {
  const r = (LOG_LEVELS as readonly string[]).indexOf(level);
  return r < 0 ? 1 : r;
};

/** Whether a line of `level` shows at the console's --log-level. */
export function levelShown(level: string, consoleLevel: string): boolean {
  return rank(level) >= rank(consoleLevel) && consoleLevel !== 'none';
}

/** Template log() / print() output: info and warnings to the console as dbt shows them; debug only with --debug. */
function templateLogger(argv: GlobalArgs) {
  const { logLevel } = cliFlags();
  return (event: { level: string; message: string }) => {
    if (argv.quiet && event.level !== 'warn') return;
    if (!levelShown(event.level, logLevel)) return;
    if (argv.logFormat === 'json') process.stdout.write(`${JSON.stringify({ level: event.level, message: event.message })}\n`);
    else (event.level === 'warn' ? process.stderr : process.stdout).write(`${event.message}\n`);
  };
}

/** parseProject's options from the global flags. */
export function parseOptionsFrom(argv: GlobalArgs & { threads?: number }) {
  return {
    logger: templateLogger(argv),
    projectDir: argv.projectDir,
    profilesDir: argv.profilesDir,
    target: argv.target,
    vars: argv.vars,
    targetPath: argv.targetPath,
    // The flag only: core reads $DBT_PROFILE itself, so that its error names where the name came from.
    profile: argv.profile,
    threads: argv.threads,
    noPartialParse: argv.partialParse === false,
  };
}
