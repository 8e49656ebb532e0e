/**
 * A profile template in dbt's profile_template.yml format: `fixed` keys written as they are, `prompts` asked in
 * order. A prompt key `_choose_<what>` asks which of its options to take, then that option's prompts; `_fixed_<key>`
 * writes <key> without asking. A project's own profile_template.yml (dbt's feature) uses the same format.
 */
export interface PromptSpec {
  hint?: string;
  default?: string | number | boolean;
  type?: 'string' | 'int' | 'float' | 'bool';
  hide_input?: boolean;
  /** tsdbt's: an empty answer leaves the key out (dbt's click prompt would insist on a value). */
  optional?: boolean;
}

export interface ProfileTemplate {
  fixed?: Record<string, unknown>;
  prompts?: Record<string, unknown>;
}

/** The warehouses `tsdbt init` offers, the default first. */
export const ADAPTERS = [
  { value: 'duckdb', label: 'duckdb', hint: 'in-process, no server: a database file in the project folder' },
  { value: 'snowflake', label: 'snowflake' },
] as const;

export type AdapterName = (typeof ADAPTERS)[number]['value'];

/**
 * dbt-duckdb ships no profile_template.yml (dbt falls back to its sample profile, `path: dev.duckdb`). tsdbt reads a
 * relative `path` from the project folder, so the database file lands next to dbt_project.yml.
 */
const duckdb: ProfileTemplate = {
  fixed: { type: 'duckdb' },
  prompts: {
    path: { hint: 'the database file, relative to the project folder', default: 'dev.duckdb' },
    threads: { hint: '1 or more', type: 'int', default: 1 },
  },
};

/** dbt-snowflake's profile_template.yml, its questions and order; secrets may come from environment variables. */
const snowflake: ProfileTemplate = {
  fixed: { type: 'snowflake' },
  prompts: {
    account: { hint: 'your Snowflake account identifier: https://<this_value>.snowflakecomputing.com' },
    user: { hint: 'your Snowflake login' },
    _choose_authentication_type: {
      password: {
        password: { hint: "empty: read $SNOWFLAKE_PASSWORD when tsdbt runs", hide_input: true, default: "{{ env_var('SNOWFLAKE_PASSWORD') }}" },
      },
      keypair: {
        private_key_path: { hint: 'path/to/the/private.key (a .p8 file)' },
        private_key_passphrase: { hint: 'only if the key is encrypted; empty: none', hide_input: true, optional: true },
      },
      sso: {
        authenticator: { hint: "'externalbrowser' signs in through your browser", default: 'externalbrowser' },
      },
    },
    role: { hint: 'the role tsdbt uses by default' },
    warehouse: { hint: 'the warehouse tsdbt uses by default' },
    database: { hint: 'the database tsdbt builds into by default' },
    schema: { hint: 'the schema of that database tsdbt builds into by default' },
    threads: { hint: '1 or more', type: 'int', default: 1 },
  },
};

export const PROFILE_TEMPLATES: Record<AdapterName, ProfileTemplate> = { duckdb, snowflake };
