import { closestName as closest } from '../diagnostics/suggest.js';
import { accessMethod, groupMethod, namedTypeMethod, packageMethod, resourceTypeMethod, sourceMethod, tagMethod, testNameMethod, testTypeMethod } from './method-attributes.js';
import { configMethod } from './method-config.js';
import { fileMethod, fqnMethod, pathMethod } from './method-names.js';
import { resultMethod, stateMethod } from './method-state.js';
import { sourceStatusMethod } from './method-source-status.js';
import { versionMethod } from './method-version.js';
import { badSpec, type SpecOrigin } from './parse-spec.js';
import type { SelectorMethod } from './types.js';

/** Every selector method tsdbt implements, by dbt's names. `selector:` is resolved by the evaluator. */
export const METHODS: Record<string, SelectorMethod> = {
  fqn: fqnMethod,
  tag: tagMethod,
  path: pathMethod,
  file: fileMethod,
  package: packageMethod,
  config: configMethod,
  source: sourceMethod,
  resource_type: resourceTypeMethod,
  test_name: testNameMethod,
  test_type: testTypeMethod,
  state: stateMethod,
  result: resultMethod,
  source_status: sourceStatusMethod,
  exposure: namedTypeMethod('exposure'),
  metric: namedTypeMethod('metric'),
  semantic_model: namedTypeMethod('semantic_model'),
  saved_query: namedTypeMethod('saved_query'),
  unit_test: namedTypeMethod('unit_test'),
  group: groupMethod,
  access: accessMethod,
  version: versionMethod,
};

export function checkMethod(method: string, raw: string, origin: SpecOrigin): void {
  if (method in METHODS || method === 'selector') return;
  const valid = [...Object.keys(METHODS), 'selector'];
  const near = closest(method, valid);
  throw badSpec(
    `"${method}" is not a valid selector method (in "${raw}").`,
    origin,
    `${near ? `Did you mean "${near}:"? ` : ''}Valid methods: ${valid.join(', ')}.`,
    'TSDBT_SELECTOR_UNKNOWN_METHOD',
  );
}
