import { TsdbtError } from '@tsdbt/core';

/** dbt's rule for project names (an identifier: it names the project in configs and in ref('project', 'model')). */
export const NAME_RULE = 'letters, digits and underscores, not starting with a digit';

/** Names dbt keeps for its own packages: a project of that name would shadow their macros. */
const RESERVED = new Set(['dbt', 'dbt_duckdb', 'dbt_snowflake']);

/** Why `name` cannot name a project, or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return `'${name}' is not a valid project name: use ${NAME_RULE}`;
  if (RESERVED.has(name.toLowerCase())) return `'${name}' is the name of one of dbt's own packages: choose another`;
  return undefined;
}

/** The name, or a usage error (exit 2) with the rule. */
export function checkProjectName(name: string): string {
  const problem = projectNameProblem(name);
  if (problem) throw new TsdbtError('TSDBT_INIT_BAD_NAME', problem, { exitCode: 2, hint: `A project name uses ${NAME_RULE}, e.g. my_project.` });
  return name;
}
