import type { Options } from 'yargs';

/** dbt's log levels, most verbose first; `none` prints nothing. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'none'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** dbt's --log-format values as tsdbt prints them: dbt's `default` and `debug` formats are tsdbt's text. */
export const LOG_FORMATS: Readonly<Record<string, 'text' | 'json'>> = { text: 'text', json: 'json', default: 'text', debug: 'text' };

/**
 * dbt's logging and warning flags. No yargs defaults: a flag left out is `undefined`, so that resolve-flags.ts can
 * fall back to its DBT_* variable and then to dbt's default (flag > env > default).
 */
export const loggingOptions = {
  'log-path': { type: 'string', describe: "Folder for dbt.log ($DBT_LOG_PATH; default: dbt_project.yml's log-path, 'logs')" },
  'log-level': { type: 'string', choices: LOG_LEVELS, describe: 'Console log level ($DBT_LOG_LEVEL; default info)' },
  'log-level-file': { type: 'string', choices: LOG_LEVELS, describe: 'dbt.log level ($DBT_LOG_LEVEL_FILE; default debug)' },
  'log-file-max-bytes': { type: 'number', describe: 'Rotate dbt.log at this size, keeping 5 backups; 0 never rotates ($DBT_LOG_FILE_MAX_BYTES; default 10 MB)' },
  'use-colors': { type: 'boolean', describe: 'Colour the console; --no-use-colors never ($DBT_USE_COLORS; default: on a terminal without NO_COLOR)' },
  'use-colors-file': { type: 'boolean', describe: 'Accepted for dbt compatibility: tsdbt never writes colour codes to dbt.log ($DBT_USE_COLORS_FILE)' },
  'printer-width': { type: 'number', describe: 'Width of the dotted result lines ($DBT_PRINTER_WIDTH; default 80)' },
  'warn-error': { type: 'boolean', describe: 'Treat every warning as an error ($DBT_WARN_ERROR)' },
  'warn-error-options': {
    type: 'string',
    describe: "Which warnings are errors, as YAML or JSON: '{error: all, warn: [...], silence: [...]}' (or include/exclude) ($DBT_WARN_ERROR_OPTIONS)",
  },
} as const satisfies Record<string, Options>;

/** Flags dbt users pass that change nothing in tsdbt, each saying why in --help. */
export const compatOptions = {
  'version-check': { type: 'boolean', describe: 'Accepted for dbt compatibility: tsdbt checks no version ($DBT_VERSION_CHECK)' },
  'send-anonymous-usage-stats': { type: 'boolean', describe: 'Accepted for dbt compatibility: tsdbt sends no usage statistics ($DBT_SEND_ANONYMOUS_USAGE_STATS)' },
  'static-parser': { type: 'boolean', describe: 'Accepted for dbt compatibility: tsdbt has one parser, which renders every model ($DBT_STATIC_PARSER)' },
  introspect: { type: 'boolean', describe: 'Let compile run introspective queries (run_query, adapter.get_relation...); --no-introspect fails a model that needs one ($DBT_INTROSPECT)' },
  'cache-selected-only': { type: 'boolean', describe: 'Accepted for dbt compatibility: tsdbt caches the relations of the schemas it builds in ($DBT_CACHE_SELECTED_ONLY)' },
  'populate-cache': { type: 'boolean', describe: 'Accepted for dbt compatibility: tsdbt fills its relation cache as nodes run ($DBT_POPULATE_CACHE)' },
  'write-json': { type: 'boolean', describe: 'Write manifest.json, run_results.json and sources.json; --no-write-json skips them ($DBT_WRITE_JSON)' },
} as const satisfies Record<string, Options>;
