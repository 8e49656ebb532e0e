import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode } from '../manifest/types.js';
import { createNode } from '../parse/node-factory.js';
import { isRecord } from '../util/yaml-file.js';
import { genericTestHash, genericTestNames } from './generic-test-name.js';

/** Test arguments that are config, not macro arguments (dbt's TestBuilder.CONFIG_ARGS). */
const CONFIG_ARGS = new Set([
  'severity', 'tags', 'enabled', 'where', 'limit', 'warn_if', 'error_if', 'fail_calc', 'store_failures',
  'store_failures_as', 'meta', 'database', 'schema', 'alias',
]);

export interface TestTarget {
  /** `orders` for a model, `<source>_<table>` for a source table. */
  name: string;
  /** Jinja expression for the tested relation: `ref('orders')` / `source('s', 't')`. */
  expr: string;
  isSource: boolean;
  uniqueId: string;
}

export interface GenericTest {
  node: ManifestNode;
  /** Config from the test's YAML (config: block and config-like arguments). */
  config: Record<string, unknown>;
}

/** The only key of a one-key mapping, else undefined. */
function soleKey(o: Record<string, unknown>): string | undefined {
  let only: string | undefined;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    if (only !== undefined) return undefined;
    only = k;
  }
  return only;
}

const NO_ARGS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** Splits `- not_null`, `- accepted_values: {values: [...]}`, `- dbt_utils.x: {...}`, and `arguments:` (dbt 1.10). */
function readDefinition(def: unknown): { testName: string; namespace: string | null; args: Record<string, unknown>; customName?: string } | undefined {
  let name: string;
  let rawArgs: Record<string, unknown> = NO_ARGS;
  if (typeof def === 'string') name = def;
  else {
    const key = isRecord(def) ? soleKey(def) : undefined;
    if (key === undefined) return undefined;
    const value = (def as Record<string, unknown>)[key];
    if (isRecord(value)) rawArgs = value;
    else if (value !== null && value !== undefined) return undefined;
    name = key;
  }
  let customName: string | undefined;
  if (typeof rawArgs.test_name === 'string') {
    customName = typeof rawArgs.name === 'string' ? rawArgs.name : undefined;
    name = rawArgs.test_name;
  }
  const dot = name.indexOf('.');
  const namespace = dot > 0 ? name.slice(0, dot) : null;
  const testName = dot > 0 ? name.slice(dot + 1) : name;
  return { testName, namespace, args: rawArgs, customName: customName ?? (typeof rawArgs.name === 'string' && !rawArgs.test_name ? rawArgs.name : undefined) };
}

/** Config-like arguments and macro arguments; `column_name` first when the test is on a column, as dbt orders them. */
function splitConfig(args: Record<string, unknown>, column: string | null): { kwargs: Record<string, unknown>; config: Record<string, unknown> } {
  const config: Record<string, unknown> = isRecord(args.config) ? { ...args.config } : {};
  const given = isRecord(args.arguments) ? args.arguments : NO_ARGS;
  const kwargs: Record<string, unknown> = column === null ? { ...given } : { column_name: column, ...given };
  for (const k in args) {
    if (!Object.hasOwn(args, k) || k === 'config' || k === 'arguments' || k === 'name' || k === 'test_name' || k === 'description') continue;
    if (CONFIG_ARGS.has(k)) config[k] = args[k];
    else kwargs[k] = args[k];
  }
  return { kwargs, config };
}

/** One generic test node from a property-YAML definition, named and hashed as dbt names it. */
export function buildGenericTest(
  def: unknown,
  target: TestTarget,
  column: string | null,
  where: { pkg: string; file: string; fqnDirs: string[] },
  problems: Diagnostic[],
): GenericTest | undefined {
  const parsed = readDefinition(def);
  if (!parsed) {
    problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', file: where.file, message: `Test definition on '${target.name}' is not a test name or {name: {arguments}}: ${JSON.stringify(def)}` });
    return undefined;
  }
  const { kwargs: args, config } = splitConfig(parsed.args, column);
  const prefix = `${target.isSource ? 'source_' : ''}${parsed.namespace ? `${parsed.namespace}_` : ''}${parsed.testName}`;
  const names = parsed.customName ? { short: parsed.customName, full: parsed.customName } : genericTestNames(prefix, target.name, args);
  // dbt's TestBuilder: a name hashed for length is the test's alias config too, unless the YAML sets one.
  if (names.short !== names.full && config.alias == null) config.alias = names.short;
  // The kwargs become test_metadata's, with the tested relation last (a `model` argument keeps its place).
  args.model = `{{ get_where_subquery(${target.expr}) }}`;
  const metadata = { name: parsed.testName, kwargs: args, namespace: parsed.namespace };
  const macro = `${parsed.namespace ? `${parsed.namespace}.` : ''}test_${parsed.testName}`;
  const node = createNode({
    type: 'test',
    packageName: where.pkg,
    name: names.full,
    path: `${names.short}.sql`,
    file: where.file,
    fqn: [where.pkg].concat(where.fqnDirs, [names.full]),
    rawCode: `{{ ${macro}(**_dbt_generic_test_kwargs) }}`,
    uniqueId: `test.${where.pkg}.${names.full}.${genericTestHash(names.full, metadata)}`,
    configuredLater: true,
  });
  node.alias = names.short;
  node.column_name = column;
  node.attached_node = target.isSource ? null : target.uniqueId;
  node.test_metadata = metadata;
  node.file_key_name = `${target.isSource ? 'sources' : 'models'}.${target.name}`;
  return { node, config };
}
