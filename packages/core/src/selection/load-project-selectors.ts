import { makeEnvVar } from '../context/env-var.js';
import { makeVar } from '../context/vars.js';
import type { ParsedProject } from '../project/parsed-project.js';
import { renderDeep } from '../util/render-value.js';
import { loadSelectors } from './load-selectors.js';
import type { SelectorDefinition } from './types.js';

/**
 * selectors.yml of a parsed project with its Jinja rendered as dbt renders it (`env_var`, `var`, `target`), so
 * `default: "{{ target.name == 'dev' }}"` and `value: "{{ var('tag') }}"` work.
 */
export function loadProjectSelectors(project: Pick<ParsedProject, 'projectDir' | 'projectName' | 'engine' | 'safeTarget' | 'packages' | 'cliVars'>): SelectorDefinition[] {
  const context = {
    env_var: makeEnvVar(),
    var: makeVar(project, project.projectName, { execute: false }),
    target: project.safeTarget,
  };
  return loadSelectors(project.projectDir).map((sel) => {
    const { file, line, ...body } = sel;
    return { ...(renderDeep(project.engine, body, context, 'selectors.yml') as SelectorDefinition), file, line };
  });
}
