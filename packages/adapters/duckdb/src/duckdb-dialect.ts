import { BaseDialect, sqlBody } from '@tsdbt/core';
import type { Capabilities, ColumnConstraint, ConstraintSupportMap, CreateOptions, IncrementalStrategy, RelationRef } from '@tsdbt/core';

export const duckDbCapabilities: Capabilities = Object.freeze({
  transactionalDdl: true,
  merge: true,
  atomicCreateOrReplace: true,
  identifierCase: 'preserve',
  transientTables: false,
  bulkLoad: true,
  // Batches on separate connections delete and insert disjoint windows of one table: DuckDB commits them side by side
  // without write-write conflicts (checked with and without a primary key).
  microbatchConcurrency: true,
});

/** dbt-duckdb's CONSTRAINT_SUPPORT: DuckDB checks every constraint type it accepts. */
const CONSTRAINT_SUPPORT: ConstraintSupportMap = Object.freeze({
  check: 'enforced',
  not_null: 'enforced',
  unique: 'enforced',
  primary_key: 'enforced',
  foreign_key: 'enforced',
});

const PORTABLE_TYPES = {
  string: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  // dbt's default `type_numeric()` is numeric(28,6); DuckDB's bare DECIMAL would be (18,3).
  numeric: 'DECIMAL(28,6)',
  int: 'INTEGER',
  bigint: 'BIGINT',
  boolean: 'BOOLEAN',
  float: 'DOUBLE',
  date: 'DATE',
  time: 'TIME',
  binary: 'BLOB',
  timestamptz: 'TIMESTAMP WITH TIME ZONE',
} as const;

/**
 * DuckDB's SQL, pure: every method returns text (golden-tested in test/duckdb-dialect.test.ts). The standard forms
 * come from core's BaseDialect; DuckDB quotes every identifier, keeps its case, and matches names case-insensitively.
 */
export class DuckDbDialect extends BaseDialect {
  readonly name = 'duckdb';
  /** dbt-duckdb's default incremental strategy with a unique_key. */
  readonly defaultIncrementalStrategy: IncrementalStrategy = 'delete+insert';
  readonly capabilities = duckDbCapabilities;
  protected readonly portableTypes = PORTABLE_TYPES;
  override readonly constraintSupport = CONSTRAINT_SUPPORT;

  createTableAs(rel: RelationRef, selectSql: string, options: CreateOptions = {}): string {
    // DuckDB temp tables live in the connection's `temp` catalog: they take no database or schema, and replace one
    // a failed drop left on this connection (dbt-duckdb: `create temporary table`).
    const target = options.temporary ? this.quote(rel.identifier) : this.renderRelation(rel);
    return `create ${options.temporary ? 'or replace temp ' : ''}table ${target} as (\n${sqlBody(selectSql)}\n)`;
  }

  /**
   * dbt-duckdb's `make_temp_relation`: a temp table has no schema of its own, it lives in the connection's `temp`
   * catalog, invisible to every other connection and gone when this one closes. Addressed as `"temp"."main"."x"`,
   * so introspection (information_schema shows it under catalog `temp`) and statements find it by name.
   */
  override temporaryRelation(target: RelationRef, suffix: string): RelationRef {
    return { database: 'temp', schema: 'main', identifier: `${target.identifier}${suffix}` };
  }

  listRelationsSql(database: string | undefined, schema: string): string {
    const db = database ? ` and lower(table_catalog) = lower(${this.literal(database)})` : '';
    return (
      `select table_catalog, table_schema, table_name, table_type from information_schema.tables\n` +
      `where lower(table_schema) = lower(${this.literal(schema)})${db}\norder by table_name`
    );
  }

  getColumnsSql(rel: RelationRef): string {
    const db = rel.database ? ` and lower(table_catalog) = lower(${this.literal(rel.database)})` : '';
    return (
      `select column_name, data_type, is_nullable from information_schema.columns\n` +
      `where lower(table_schema) = lower(${this.literal(rel.schema)}) and lower(table_name) = lower(${this.literal(rel.identifier)})${db}\n` +
      `order by ordinal_position`
    );
  }

  /** dbt-duckdb: a column's foreign key names its parent without the database (DuckDB has no cross-database keys). */
  protected override columnConstraintSql(c: ColumnConstraint): string | undefined {
    if (c.type !== 'foreign_key' || !c.to || !c.to_columns.length) return super.columnConstraintSql(c);
    const parts = splitRelation(c.to);
    const to = parts.length > 2 ? parts.slice(1).join('.') : c.to;
    return `references ${to} (${c.to_columns.join(', ')})`;
  }

  override beginTransaction(): string {
    return 'begin transaction';
  }
}

/** `"a"."b.c".d` → its three parts as written (dots inside quotes kept). */
function splitRelation(text: string): string[] {
  return text.match(/"(?:[^"]|"")*"|[^.]+/gu) ?? [text];
}
