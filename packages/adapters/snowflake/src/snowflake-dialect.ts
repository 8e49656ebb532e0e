import type { Capabilities, ColumnInfo, CreateOptions, Dialect, IncrementalStrategy, MergeOptions, RelationRef, RelationType } from '@tsdbt/core';

export const snowflakeCapabilities: Capabilities = Object.freeze({
  transactionalDdl: false,
  merge: true,
  atomicCreateOrReplace: true,
  identifierCase: 'upper',
  transientTables: true,
  bulkLoad: true,
});

/** dbt-snowflake's `type_*` macros. */
const PORTABLE_TYPES = {
  string: 'varchar',
  timestamp: 'timestamp_ntz',
  numeric: 'numeric(28,6)',
  int: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  float: 'float',
  date: 'date',
  time: 'time',
  binary: 'binary',
  timestamptz: 'timestamp_tz',
} as const;

/** Words Snowflake reserves: an identifier spelled like one must be quoted even when it is upper case. */
const RESERVED = new Set(('ACCOUNT ALL ALTER AND ANY AS BETWEEN BY CASE CAST CHECK COLUMN CONNECT CONNECTION CONSTRAINT CREATE CROSS CURRENT ' +
  'CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DELETE DISTINCT DROP ELSE EXISTS FALSE FOLLOWING FOR FROM FULL GRANT GROUP ' +
  'GSCLUSTER HAVING ILIKE IN INCREMENT INNER INSERT INTERSECT INTO IS ISSUE JOIN LATERAL LEFT LIKE LOCALTIME LOCALTIMESTAMP MINUS NATURAL NOT NULL ' +
  'OF ON OR ORDER ORGANIZATION QUALIFY REGEXP REVOKE RIGHT RLIKE ROW ROWS SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER ' +
  'TRUE TRY_CAST UNION UNIQUE UPDATE USING VALUES VIEW WHEN WHENEVER WHERE WITH').split(' '));

function isSimple(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/u.test(name) && !RESERVED.has(name.toUpperCase());
}

/** Trailing semicolons would end the wrapping statement early. */
function body(selectSql: string): string {
  return selectSql.replace(/[\s;]+$/u, '');
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the text Snowflake casts to TIMESTAMP_NTZ. */
export function formatTimestamp(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** Snowflake's SQL, pure: every method returns text (golden-tested in test/snowflake-dialect.test.ts). */
export class SnowflakeDialect implements Dialect {
  readonly name = 'snowflake';
  readonly capabilities = snowflakeCapabilities;
  /** dbt-snowflake's default incremental strategy. */
  readonly defaultIncrementalStrategy: IncrementalStrategy = 'merge';

  /** `defaultQueryTag`: the profile's `query_tag`, which the session goes back to after a model's own tag. */
  constructor(private readonly options: { defaultQueryTag?: string } = {}) {}

  quote(identifier: string): string {
    return `"${identifier.replace(/"/gu, '""')}"`;
  }

  /**
   * An identifier as dbt-snowflake renders it with quoting off: simple names stay bare (Snowflake folds them to
   * upper case); names that would not survive unquoted (spaces, quotes, reserved words) are quoted.
   * `quoted: true` quotes as given (dbt's `quoting:` config); `false` never quotes.
   */
  ident(name: string, quoted?: boolean): string {
    if (quoted === true) return this.quote(name);
    if (quoted === false) return name;
    return isSimple(name) ? name : this.quote(name);
  }

  /** Columns follow the same rule (dbt's default column quoting is off). */
  column(name: string): string {
    return this.ident(name);
  }

  /** The name Snowflake stores for an identifier written the way `ident` writes it. */
  resolvedName(name: string): string {
    return isSimple(name) ? name.toUpperCase() : name;
  }

  renderRelation(rel: RelationRef, quoting: { database?: boolean; schema?: boolean; identifier?: boolean } = {}): string {
    const parts: string[] = [];
    if (rel.database) parts.push(this.ident(rel.database, quoting.database));
    if (rel.schema) parts.push(this.ident(rel.schema, quoting.schema));
    parts.push(this.ident(rel.identifier, quoting.identifier));
    return parts.join('.');
  }

  normalizeIdentifier(identifier: string): string {
    return identifier.toUpperCase();
  }

  createSchema(database: string | undefined, schema: string): string {
    return `create schema if not exists ${this.renderRelation({ database, schema: '', identifier: schema })}`;
  }

  dropSchema(database: string | undefined, schema: string): string {
    return `drop schema if exists ${this.renderRelation({ database, schema: '', identifier: schema })} cascade`;
  }

  /** dbt-snowflake's table materialization: transient unless `transient: false`, rows ordered by `cluster_by`. */
  createTableAs(rel: RelationRef, selectSql: string, options: CreateOptions = {}): string {
    const kind = options.temporary ? 'temporary ' : options.transient === false ? '' : 'transient ';
    const cluster = options.clusterBy?.length ? options.clusterBy.map((c) => this.column(c)).join(', ') : undefined;
    const clusterClause = cluster && !options.temporary ? `\n  cluster by (${cluster})` : '';
    const grants = options.copyGrants ? ' copy grants' : '';
    const select = cluster ? `select * from (\n${body(selectSql)}\n) order by (${cluster})` : body(selectSql);
    return `create or replace ${kind}table ${this.renderRelation(rel)}${clusterClause}${grants} as (\n${select}\n)`;
  }

  createViewAs(rel: RelationRef, selectSql: string, options: CreateOptions = {}): string {
    const secure = options.secure ? 'secure ' : '';
    const grants = options.copyGrants ? ' copy grants' : '';
    return `create or replace ${secure}view ${this.renderRelation(rel)}${grants} as (\n${body(selectSql)}\n)`;
  }

  dropRelation(rel: RelationRef, type: RelationType): string {
    return `drop ${type === 'view' ? 'view' : type === 'materialized_view' ? 'materialized view' : 'table'} if exists ${this.renderRelation(rel)} cascade`;
  }

  /** Snowflake moves an unqualified rename target to the session's schema, so the target is fully qualified. */
  renameRelation(from: RelationRef, toIdentifier: string, type: RelationType): string {
    return `alter ${type === 'view' ? 'view' : 'table'} ${this.renderRelation(from)} rename to ${this.renderRelation({ ...from, identifier: toIdentifier })}`;
  }

  /** A table target is replaced atomically with `swap with`; a view or nothing is dropped and renamed over. */
  swapRelation(staged: RelationRef, target: RelationRef, targetExistingType: RelationType | undefined): string[] {
    if (targetExistingType === 'table') {
      return [`alter table ${this.renderRelation(staged)} swap with ${this.renderRelation(target)}`, this.dropRelation(staged, 'table')];
    }
    const drop = targetExistingType ? [this.dropRelation(target, targetExistingType)] : [];
    return [...drop, this.renameRelation(staged, target.identifier, 'table')];
  }

  insertInto(target: RelationRef, columns: string[], selectSql: string): string {
    return `insert into ${this.renderRelation(target)} (${columns.map((c) => this.column(c)).join(', ')})\n(\n${body(selectSql)}\n)`;
  }

  deleteWhereKeyIn(target: RelationRef, source: RelationRef, uniqueKey: string[]): string {
    const t = this.renderRelation(target);
    const s = this.renderRelation(source);
    if (uniqueKey.length === 1) {
      const k = this.column(uniqueKey[0]!);
      return `delete from ${t}\nwhere (${k}) in (\n  select (${k}) from ${s}\n)`;
    }
    const on = uniqueKey.map((k) => `${s}.${this.column(k)} = ${t}.${this.column(k)}`).join('\n  and ');
    return `delete from ${t}\nusing ${s}\nwhere (\n  ${on}\n)`;
  }

  merge(o: MergeOptions): string {
    const cols = o.columns.map((c) => this.column(c));
    const on = o.uniqueKey.length ? o.uniqueKey.map((k) => `DBT_INTERNAL_SOURCE.${this.column(k)} = DBT_INTERNAL_DEST.${this.column(k)}`).join(' and ') : 'FALSE';
    const updates = (o.updateColumns ?? o.columns).map((c) => `${this.column(c)} = DBT_INTERNAL_SOURCE.${this.column(c)}`).join(', ');
    const matched = o.uniqueKey.length && updates ? `\nwhen matched then update set ${updates}` : '';
    return (
      `merge into ${this.renderRelation(o.target)} as DBT_INTERNAL_DEST\n` +
      `using ${this.renderRelation(o.source)} as DBT_INTERNAL_SOURCE\n` +
      `on (${on})${matched}\n` +
      `when not matched then insert (${cols.join(', ')}) values (${cols.map((c) => `DBT_INTERNAL_SOURCE.${c}`).join(', ')})`
    );
  }

  addColumn(rel: RelationRef, column: ColumnInfo): string {
    return `alter table ${this.renderRelation(rel)} add column ${this.column(column.name)} ${column.dataType}`;
  }

  dropColumn(rel: RelationRef, column: string): string {
    return `alter table ${this.renderRelation(rel)} drop column ${this.column(column)}`;
  }

  alterColumnType(rel: RelationRef, column: string, dataType: string): string {
    return `alter table ${this.renderRelation(rel)} alter column ${this.column(column)} set data type ${dataType}`;
  }

  /** dbt-snowflake lists with SHOW (no warehouse needed, unlike information_schema). */
  listRelationsSql(database: string | undefined, schema: string): string {
    return `show terse objects in schema ${this.renderRelation({ database, schema: '', identifier: schema })}`;
  }

  getColumnsSql(rel: RelationRef): string {
    return `describe table ${this.renderRelation(rel)}`;
  }

  /** One relation: SHOW with LIKE (its `_` is a wildcard, so the caller filters on the exact name). */
  getRelationSql(rel: RelationRef): string {
    return `show terse objects like ${this.literal(this.resolvedName(rel.identifier))} in schema ${this.renderRelation({ database: rel.database, schema: '', identifier: rel.schema })}`;
  }

  /** `query_tag` per model, as dbt-snowflake sets it around the model's statements; `null` restores the profile's. */
  setQueryTag(tag: string | null): string {
    const value = tag ?? this.options.defaultQueryTag;
    return value ? `alter session set query_tag = ${this.literal(value)}` : 'alter session unset query_tag';
  }

  beginTransaction(): string {
    return 'begin';
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

  /** Snowflake string literals treat backslash as an escape, so it is doubled along with the quote. */
  literal(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `'${String(value)}'::float`;
    if (value instanceof Date) return `'${formatTimestamp(value)}'::timestamp_ntz`;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `'${text.replace(/\\/gu, '\\\\').replace(/'/gu, "''")}'`;
  }
}
