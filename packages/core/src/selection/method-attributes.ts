import type { GraphMember } from '../graph/graph-members.js';
import { badSpec } from './parse-spec.js';
import { fnmatch } from './glob.js';
import type { MethodContext } from './types.js';

export interface Attributed extends GraphMember {
  name?: string;
  package_name?: string;
  source_name?: string;
  tags?: string[];
  config?: { enabled?: boolean; tags?: string[] | string; [key: string]: unknown };
  test_metadata?: { name: string } | null;
  access?: string;
  group?: string | null;
}

const TEST_TYPES = ['test', 'unit_test'];
const RESOURCE_TYPES = ['model', 'seed', 'snapshot', 'test', 'source', 'analysis', 'exposure', 'unit_test', 'metric', 'semantic_model', 'saved_query', 'operation'];

export function* tagMethod(ctx: MethodContext, value: string): Iterable<string> {
  for (const m of ctx.members as Attributed[]) {
    const configTags = m.config?.tags;
    const tags = [...(m.tags ?? []), ...(Array.isArray(configTags) ? configTags : configTags ? [configTags] : [])];
    if (tags.some((t) => fnmatch(t, value))) yield m.unique_id;
  }
}

/** `package:`; `this` is the root project, as in dbt. */
export function* packageMethod(ctx: MethodContext, value: string): Iterable<string> {
  const pattern = value === 'this' ? ctx.manifest.metadata.project_name : value;
  for (const m of ctx.members as Attributed[]) if (m.package_name && fnmatch(m.package_name, pattern)) yield m.unique_id;
}

export function* resourceTypeMethod(ctx: MethodContext, value: string): Iterable<string> {
  if (!RESOURCE_TYPES.includes(value)) {
    throw badSpec(`Invalid resource_type selector "${value}".`, { exitCode: 2 }, `Use one of: ${RESOURCE_TYPES.join(', ')}.`);
  }
  for (const m of ctx.members) if (m.resource_type === value) yield m.unique_id;
}

/** `source:src`, `source:src.tbl`, `source:pkg.src.tbl`, each part a glob. */
export function* sourceMethod(ctx: MethodContext, value: string): Iterable<string> {
  const parts = value.split('.');
  if (parts.length > 3) {
    throw badSpec(`Invalid source selector value "${value}".`, { exitCode: 2 }, 'Write source:<source>, source:<source>.<table> or source:<package>.<source>.<table>.');
  }
  const [pkg, src, tbl] = parts.length === 3 ? parts : ['*', parts[0]!, parts[1] ?? '*'];
  for (const m of ctx.members as Attributed[]) {
    if (m.resource_type !== 'source') continue;
    if (fnmatch(m.package_name ?? '', pkg!) && fnmatch(m.source_name ?? '', src!) && fnmatch(m.name ?? '', tbl!)) yield m.unique_id;
  }
}

/** `exposure:`, `metric:`, `semantic_model:`, `saved_query:`, `unit_test:` — by `name` or `package.name`. */
export function namedTypeMethod(resourceType: string) {
  return function* (ctx: MethodContext, value: string): Iterable<string> {
    const parts = value.split('.');
    const [pkg, name] = parts.length >= 2 ? [parts[0]!, parts.slice(1).join('.')] : ['*', value];
    for (const m of ctx.members as Attributed[]) {
      if (m.resource_type !== resourceType) continue;
      if (fnmatch(m.package_name ?? '', pkg) && fnmatch(m.name ?? '', name)) yield m.unique_id;
    }
  };
}

/** `test_name:`: the generic test's name (`unique`, `dbt_utils.equality` → `equality`), or a unit test's name. */
export function* testNameMethod(ctx: MethodContext, value: string): Iterable<string> {
  for (const m of ctx.members as Attributed[]) {
    if (m.resource_type === 'test' && m.test_metadata && fnmatch(m.test_metadata.name, value)) yield m.unique_id;
    else if (m.resource_type === 'unit_test' && fnmatch(m.name ?? '', value)) yield m.unique_id;
  }
}

/** `test_type:generic|singular|unit|data` (`schema` is dbt's old word for generic; `data` is generic + singular). */
export function* testTypeMethod(ctx: MethodContext, value: string): Iterable<string> {
  const wanted: Record<string, string[]> = { generic: ['generic'], schema: ['generic'], singular: ['singular'], data: ['generic', 'singular'], unit: ['unit'] };
  const kinds = wanted[value];
  if (!kinds) throw badSpec(`Invalid test type selector "${value}".`, { exitCode: 2 }, 'Expected "generic", "singular", "unit" or "data".');
  for (const m of ctx.members as Attributed[]) {
    if (!TEST_TYPES.includes(m.resource_type)) continue;
    const kind = m.resource_type === 'unit_test' ? 'unit' : m.test_metadata ? 'generic' : 'singular';
    if (kinds.includes(kind)) yield m.unique_id;
  }
}

/** dbt's `group:`: an exact match on the node's `config.group` (a test on a grouped model comes along indirectly). */
export function* groupMethod(ctx: MethodContext, value: string): Iterable<string> {
  for (const m of ctx.members as Attributed[]) if (m.config?.group === value) yield m.unique_id;
}

/** dbt's `access:`: models only, an exact match on the model's `access`. */
export function* accessMethod(ctx: MethodContext, value: string): Iterable<string> {
  for (const m of ctx.members as Attributed[]) if (m.resource_type === 'model' && m.access === value) yield m.unique_id;
}
