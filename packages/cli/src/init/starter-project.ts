/**
 * The starter project `tsdbt init` writes, as dbt's starter project: two example models and their tests, the empty
 * folders dbt_project.yml names, a .gitignore and a README. Unlike dbt's, the first model filters its null row, so
 * that `tsdbt build` on a new project passes at once (dbt's fails its own not_null test until the user edits it).
 */
export function starterFiles(projectName: string, profileName: string): Record<string, string> {
  return {
    'dbt_project.yml': projectYml(projectName, profileName),
    'models/example/my_first_dbt_model.sql': FIRST_MODEL,
    'models/example/my_second_dbt_model.sql': SECOND_MODEL,
    'models/example/schema.yml': SCHEMA_YML,
    'analyses/.gitkeep': '',
    'tests/.gitkeep': '',
    'seeds/.gitkeep': '',
    'macros/.gitkeep': '',
    'snapshots/.gitkeep': '',
    '.gitignore': GITIGNORE,
    'README.md': readme(projectName),
  };
}

/** YAML single-quoted scalar (names are identifiers, but the profile of --profile may be any key). */
const quoted = (s: string) => `'${s.replaceAll("'", "''")}'`;

function projectYml(projectName: string, profileName: string): string {
  return `
# The project's name: letters, digits and underscores. It names the project's models in the configs below.
name: ${quoted(projectName)}
version: '1.0.0'
config-version: 2

# The profile of profiles.yml this project connects with.
profile: ${quoted(profileName)}

# Where each kind of file lives. You rarely need to change these.
model-paths: ["models"]
analysis-paths: ["analyses"]
test-paths: ["tests"]
seed-paths: ["seeds"]
macro-paths: ["macros"]
snapshot-paths: ["snapshots"]

clean-targets:         # folders \`tsdbt clean\` removes
  - "target"
  - "dbt_packages"


# Model configs: https://docs.getdbt.com/reference/model-configs
# Every model under models/example/ is built as a view, unless the model's own
# \`{{ config(...) }}\` says otherwise.
models:
  ${projectName}:
    # A '+' config applies to every model in the folder below it.
    example:
      +materialized: view
`;
}

const FIRST_MODEL = `
/*
    Your first model: a select statement that tsdbt builds in the warehouse.

    The config() below overrides dbt_project.yml for this model alone:
    try "view" instead of "table" and build again.
*/

{{ config(materialized='table') }}

with source_data as (

    select 1 as id
    union all
    select null as id

)

select *
from source_data

-- schema.yml tests that id is never null: remove this filter and \`tsdbt test\` fails on the null row.
where id is not null
`;

const SECOND_MODEL = `
-- ref() selects from another model and tells tsdbt to build that one first.

select *
from {{ ref('my_first_dbt_model') }}
where id = 1
`;

const SCHEMA_YML = `
version: 2

models:
  - name: my_first_dbt_model
    description: "A starter model"
    columns:
      - name: id
        description: "The primary key of this table"
        data_tests:
          - unique
          - not_null

  - name: my_second_dbt_model
    description: "A starter model that selects from the first"
    columns:
      - name: id
        description: "The primary key of this table"
        data_tests:
          - unique
          - not_null
`;

const GITIGNORE = `
target/
dbt_packages/
logs/
.env
*.duckdb
*.duckdb.wal
`;

function readme(projectName: string): string {
  return `# ${projectName}

A new tsdbt project.

### Try it

\`\`\`sh
tsdbt debug    # checks dbt_project.yml, the profile and the connection
tsdbt build    # builds the example models and runs their tests
\`\`\`

### Learn more

- dbt's documentation, whose projects tsdbt reads: https://docs.getdbt.com/docs/introduction
- Model configs: https://docs.getdbt.com/reference/model-configs
- Data tests: https://docs.getdbt.com/docs/build/data-tests
`;
}
