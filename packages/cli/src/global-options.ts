import type { Options } from 'yargs';

/** Flags every command accepts, named as dbt names them. */
export const globalOptions = {
  'project-dir': { type: 'string', describe: 'Folder holding dbt_project.yml (default: current folder)' },
  'profiles-dir': { type: 'string', describe: 'Folder holding profiles.yml (default: $DBT_PROFILES_DIR, the project, ~/.dbt)' },
  target: { type: 'string', alias: 't', describe: "Target of the profile (default: the profile's 'target')" },
  vars: { type: 'string', describe: "Variables as YAML or JSON, e.g. --vars '{start_date: 2024-01-01}'" },
  'log-format': { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Console format' },
  debug: { type: 'boolean', default: false, describe: 'Show debug logging and stack traces' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print errors only' },
} as const satisfies Record<string, Options>;
