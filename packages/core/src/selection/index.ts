/** dbt's node selection: `--select`/`--exclude` grammar, methods, selectors.yml, indirect test selection, `ls` output. */
export { select, selectNodes, DEFAULT_RESOURCE_TYPES, type SelectionResult } from './select-nodes.js';
export { loadSelectors, parseSelectorsYaml } from './load-selectors.js';
export { loadProjectSelectors } from './load-project-selectors.js';
export { readSourcesJson } from './read-sources-json.js';
export { listLines, DEFAULT_OUTPUT_KEYS, type ListOutput } from './list-output.js';
export type {
  IndirectSelection,
  RunResultsLike,
  SelectOptions,
  SourcesLike,
  SelectionCriteria,
  SelectionSet,
  SelectionSpec,
  SelectorDefinition,
} from './types.js';
