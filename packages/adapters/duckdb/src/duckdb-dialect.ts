import type { Capabilities, ColumnInfo, CreateOptions, Dialect, IncrementalStrategy, MergeOptions, RelationRef, RelationType } from '@tsdbt/core';

export const duckDbCapabilities: Capabilities = Object.freeze({
  transactionalDdl: true,
  merge: true,
  atomicCreateOrReplace: true,
  identifierCase: 'preserve',
  transientTables: false,
  bulkLoad: true,
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

/** Trailing semicolons would end the wrapping statement early; a trailing `--` comment is closed by the newline. */
function body(selectSql: string): string {
  return selectSql.replace(/[\s;]+$/u, '');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: the form DuckDB casts to TIMESTAMP without a time zone. */
export function formatTimestamp(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${date} ${time}`;
}

const q = (identifier: string): string => `"${identifier.replace(/"/gu, '""')}"`;

/** DuckDB's SQL, pure: every method returns text (golden-tested in test/duckdb-dialect.test.ts). */
export class DuckDbDialect implements Dialect {
  readonly name = 'duckdb';
  /** dbt-duckdb's default incremental strategy with a unique_key. */
  readonly defaultIncrementalStrategy: IncrementalStrategy = 'delete+insert';
  readonly capabilities = duckDbCapabilities;

  quote(identifier: string): string {
    return q(identifier);
  }

  renderRelation(rel: RelationRef, quoting: { database?: boolean; schema?: boolean; identifier?: boolean } = {}): string {
    const part = (s: string, quoted: boolean | undefined): string => (quoted === false ? s : q(s));
    const parts: string[] = [];
    if (rel.database) parts.push(part(rel.database, quoting.database));
    if (rel.schema) parts.push(part(rel.schema, quoting.schema));
    parts.push(part(rel.identifier, quoting.identifier));
    return parts.join('.');
  }

  /** DuckDB keeps the case it is given and matches names case-insensitively. */
  normalizeIdentifier(identifier: string): string {
    return identifier;
  }

  createSchema(database: string | undefined, schema: string): string {
    return `create schema if not exists ${this.renderRelation({ database, schema: '', identifier: schema })}`;
  }

  dropSchema(database: string | undefined, schema: string): string {
    return `drop schema if exists ${this.renderRelation({ database, schema: '', identifier: schema })} cascade`;
  }

  createTableAs(rel: RelationRef, selectSql: string, options: CreateOptions = {}): string {
    // DuckDB temp tables live in the `temp` catalog: they take no database or schema.
    const target = options.temporary ? q(rel.identifier) : this.renderRelation(rel);
    return `create ${options.temporary ? 'temp ' : ''}table ${target} as (\n${body(selectSql)}\n)`;
  }

  createViewAs(rel: RelationRef, selectSql: string): string {
    return `create or replace view ${this.renderRelation(rel)} as (\n${body(selectSql)}\n)`;
  }

  dropRelation(rel: RelationRef, type: RelationType): string {
    return `drop ${type === 'view' ? 'view' : 'table'} if exists ${this.renderRelation(rel)} cascade`;
  }

  renameRelation(from: RelationRef, toIdentifier: string, type: RelationType): string {
    return `alter ${type === 'view' ? 'view' : 'table'} ${this.renderRelation(from)} rename to ${q(toIdentifier)}`;
  }

  swapRelation(staged: RelationRef, target: RelationRef, targetExistingType: RelationType | undefined): string[] {
    const drop = targetExistingType ? [this.dropRelation(target, targetExistingType)] : [];
    return [...drop, this.renameRelation(staged, target.identifier, 'table')];
  }

  insertInto(target: RelationRef, columns: string[], selectSql: string): string {
    const cols = columns.map(q).join(', ');
    return `insert into ${this.renderRelation(target)} (${cols})\n(\n${body(selectSql)}\n)`;
  }

  deleteWhereKeyIn(target: RelationRef, source: RelationRef, uniqueKey: string[]): string {
    const t = this.renderRelation(target);
    const s = this.renderRelation(source);
    if (uniqueKey.length === 1) {
      const k = q(uniqueKey[0]!);
      return `delete from ${t}\nwhere (${k}) in (\n  select (${k}) from ${s}\n)`;
    }
    const on = uniqueKey.map((k) => `${s}.${q(k)} = ${t}.${q(k)}`).join('\n  and ');
    return `delete from ${t}\nusing ${s}\nwhere (\n  ${on}\n)`;
  }

  merge(o: MergeOptions): string {
    const cols = o.columns.map(q);
    const on = o.uniqueKey.length ? o.uniqueKey.map((k) => `DBT_INTERNAL_SOURCE.${q(k)} = DBT_INTERNAL_DEST.${q(k)}`).join(' and ') : 'false';
    const updates = (o.updateColumns ?? o.columns).map((c) => `${q(c)} = DBT_INTERNAL_SOURCE.${q(c)}`).join(', ');
    const matched = o.uniqueKey.length && updates ? `\nwhen matched then update set ${updates}` : '';
    return (
      `merge into ${this.renderRelation(o.target)} as DBT_INTERNAL_DEST\n` +
      `using ${this.renderRelation(o.source)} as DBT_INTERNAL_SOURCE\n` +
      `on (${on})${matched}\n` +
      `when not matched then insert (${cols.join(', ')}) values (${cols.map((c) => `DBT_INTERNAL_SOURCE.${c}`).join(', ')})`
    );
  }

  addColumn(rel: RelationRef, column: ColumnInfo): string {
    return `alter table ${this.renderRelation(rel)} add column ${q(column.name)} ${column.dataType}`;
  }

  dropColumn(rel: RelationRef, column: string): string {
    return `alter table ${this.renderRelation(rel)} drop column ${q(column)}`;
  }

  alterColumnType(rel: RelationRef, column: string, dataType: string): string {
    return `alter table ${this.renderRelation(rel)} alter column ${q(column)} set data type ${dataType}`;
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

  beginTransaction(): string {
    return 'begin transaction';
  }

  commit(): string {
    return 'commit';
  }

  rollback(): string {
    return 'rollback';
  }

  typeName(portable: keyof typeof PORTABLE_TYPES): string {
    return PORTABLE_TYPES[portable];
  }

  literal(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `'${String(value)}'::DOUBLE`;
    if (value instanceof Date) return `TIMESTAMP '${formatTimestamp(value)}'`;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `'${text.replace(/'/gu, "''")}'`;
  }
}
