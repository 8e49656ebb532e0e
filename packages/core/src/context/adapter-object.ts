import type { ColumnInfo, RelationRef } from '../adapter/types.js';
import { splitArgs } from './args.js';
import { dispatchMacro } from './macro-caller.js';
import { Relation } from './relation.js';
import { awaitInTemplate, quotingOf, requireConnection, type RenderScope } from './render-scope.js';

/** dbt's Column as templates see it. */
function column(c: ColumnInfo) {
  return { name: c.name, column: c.name, data_type: c.dataType, dtype: c.dataType, quoted: c.name, is_nullable: c.nullable ?? true };
}

/** `adapter` in templates: quote, dispatch, and introspection that returns values (replayed through Suspend). */
export function makeAdapterObject(scope: RenderScope) {
  const { dialect, adapter } = scope.project;
  const relation = (ref: RelationRef & { type?: string }) => new Relation(dialect, ref, quotingOf(scope.project));
  return {
    type: () => adapter.name,
    quote: (identifier: string) => dialect.quote(String(identifier)),
    quote_as_configured: (identifier: string, key: string) =>
      (scope.project.config.quoting as Record<string, boolean>)[key] === false ? identifier : dialect.quote(identifier),
    dispatch: (...args: unknown[]) => {
      const { positional, kwargs } = splitArgs(args);
      const name = String(positional[0] ?? kwargs.macro_name);
      const ns = (positional[1] ?? kwargs.macro_namespace) as string | undefined;
      return dispatchMacro(scope, name, ns ?? undefined);
    },
    get_relation: (...args: unknown[]) => {
      scope.impure = true;
      const { positional, kwargs } = splitArgs(args);
      const [database, schema, identifier] = [positional[0] ?? kwargs.database, positional[1] ?? kwargs.schema, positional[2] ?? kwargs.identifier];
      if (!scope.runtime.execute) return null;
      const conn = requireConnection(scope, 'adapter.get_relation');
      const ref = { database: (database as string | null) ?? undefined, schema: String(schema), identifier: String(identifier) };
      const found = awaitInTemplate(scope, `get_relation:${JSON.stringify(ref)}`, () => conn.getRelation(ref));
      return found ? relation(found) : null;
    },
    get_columns_in_relation: (rel: RelationRef) => {
      scope.impure = true;
      if (!scope.runtime.execute) return [];
      const conn = requireConnection(scope, 'adapter.get_columns_in_relation');
      const ref = { database: rel.database ?? undefined, schema: rel.schema, identifier: rel.identifier };
      return awaitInTemplate(scope, `get_columns:${JSON.stringify(ref)}`, () => conn.getColumns(ref)).map(column);
    },
    list_relations_without_caching: (schemaRelation: RelationRef) => {
      scope.impure = true;
      if (!scope.runtime.execute) return [];
      const conn = requireConnection(scope, 'adapter.list_relations');
      const key = `list:${schemaRelation.database ?? ''}.${schemaRelation.schema}`;
      return awaitInTemplate(scope, key, () => conn.listRelations(schemaRelation.database, schemaRelation.schema)).map(relation);
    },
    Relation: { create: (opts: RelationRef) => relation({ ...opts, identifier: opts.identifier ?? '' }) },
  };
}

/** dbt's base Column type labels (`api.Column.translate_type('string')` is TEXT on every adapter that does not override it). */
const TYPE_LABELS: Record<string, string> = { STRING: 'TEXT', TIMESTAMP: 'TIMESTAMP', FLOAT: 'FLOAT', INTEGER: 'INT', BOOLEAN: 'BOOLEAN' };

/** `api.Column` / `api.Relation` as dbt exposes them to templates. */
export function makeApi(scope: RenderScope) {
  const { dialect } = scope.project;
  return {
    Column: {
      translate_type: (dtype: string) => TYPE_LABELS[String(dtype).toUpperCase()] ?? dtype,
      numeric_type: (dtype: string, precision?: number | null, scale?: number | null) =>
        precision === null || precision === undefined || scale === null || scale === undefined ? dtype : `${dtype}(${precision},${scale})`,
      string_type: (size: number) => `character varying(${size})`,
      create: (name: string, dataType: string) => column({ name, dataType }),
    },
    Relation: {
      create: (...args: unknown[]) => {
        const { positional, kwargs } = splitArgs(args);
        const [database, schema, identifier] = [positional[0] ?? kwargs.database, positional[1] ?? kwargs.schema, positional[2] ?? kwargs.identifier];
        return new Relation(dialect, { database: (database as string) ?? undefined, schema: String(schema ?? ''), identifier: String(identifier ?? ''), type: kwargs.type as string | undefined }, quotingOf(scope.project));
      },
    },
  };
}
