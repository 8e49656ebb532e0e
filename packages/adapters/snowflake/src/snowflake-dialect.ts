import { BaseDialect, formatTimestamp, sqlBody } from '@tsdbt/core';
import type { Capabilities, ConstraintSupportMap, ContractTable, CreateOptions, IncrementalStrategy, RelationRef, RelationType } from '@tsdbt/core';

export const snowflakeCapabilities: Capabilities = Object.freeze({
  transactionalDdl: false,
  temporaryViewStaging: true,
  merge: true,
  atomicCreateOrReplace: true,
  identifierCase: 'upper',
  transientTables: true,
  bulkLoad: true,
  // dbt-snowflake's MicrobatchConcurrency: each batch stages in its own session's temporary relation.
  microbatchConcurrency: true,
});

/** dbt-snowflake's CONSTRAINT_SUPPORT: only NOT NULL is checked; CHECK is not accepted at all. */
const CONSTRAINT_SUPPORT: ConstraintSupportMap = Object.freeze({
  check: 'not_supported',
  not_null: 'enforced',
  unique: 'not_enforced',
  primary_key: 'not_enforced',
  foreign_key: 'not_enforced',
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

/**
 * Snowflake's SQL, pure: every method returns text (golden-tested in test/snowflake-dialect.test.ts). The standard
 * forms come from core's BaseDialect; here: bare simple names, transient/cluster_by/secure/copy grants, SWAP WITH,
 * SHOW/DESCRIBE introspection, query tags, and backslash-escaping literals.
 */
export class SnowflakeDialect extends BaseDialect {
  readonly name = 'snowflake';
  readonly capabilities = snowflakeCapabilities;
  /** dbt-snowflake's default incremental strategy. */
  readonly defaultIncrementalStrategy: IncrementalStrategy = 'merge';
  protected readonly portableTypes = PORTABLE_TYPES;
  protected override readonly noMatchCondition = 'FALSE';
  override readonly constraintSupport = CONSTRAINT_SUPPORT;

  /** `defaultQueryTag`: the profile's `query_tag`, which the session goes back to after a model's own tag. */
  constructor(private readonly options: { defaultQueryTag?: string } = {}) {
    super();
  }

  /**
   * An identifier as dbt-snowflake renders it with quoting off: simple names stay bare (Snowflake folds them to
   * upper case); names that would not survive unquoted (spaces, quotes, reserved words) are quoted.
   * `quoted: true` quotes as given (dbt's `quoting:` config); `false` never quotes. Columns follow the same rule.
   */
  override ident(name: string, quoted?: boolean): string {
    if (quoted === undefined) return isSimple(name) ? name : this.quote(name);
    return super.ident(name, quoted);
  }

  /** The name Snowflake stores for an identifier written the way `ident` writes it. */
  resolvedName(name: string): string {
    return isSimple(name) ? name.toUpperCase() : name;
  }

  /** dbt-snowflake's table materialization: transient unless `transient: false`, rows ordered by `cluster_by`. */
  createTableAs(rel: RelationRef, selectSql: string, options: CreateOptions = {}): string {
    const kind = options.temporary ? 'temporary ' : options.transient === false ? '' : 'transient ';
    const cluster = options.clusterBy?.length ? options.clusterBy.map((c) => this.column(c)).join(', ') : undefined;
    const clusterClause = cluster && !options.temporary ? `\n  cluster by (${cluster})` : '';
    const grants = options.copyGrants ? ' copy grants' : '';
    const select = cluster ? `select * from (\n${sqlBody(selectSql)}\n) order by (${cluster})` : sqlBody(selectSql);
    return `create or replace ${kind}table ${this.renderRelation(rel)}${clusterClause}${grants} as (\n${select}\n)`;
  }

  /**
   * dbt-snowflake's contracted table: one `create or replace … table <name> (<columns and constraints>) as (select
   * <contract columns> from (…) as model_subq)`, transient and clustered as createTableAs.
   */
  override createContractTable(rel: RelationRef, table: ContractTable, selectSql: string, options: CreateOptions = {}): string[] {
    const kind = options.transient === false ? '' : 'transient ';
    const cluster = options.clusterBy?.length ? options.clusterBy.map((c) => this.column(c)).join(', ') : undefined;
    const clusterClause = cluster ? `\n  cluster by (${cluster})` : '';
    const grants = options.copyGrants ? ' copy grants' : '';
    const subquery = this.contractSelect(table, selectSql);
    const select = cluster ? `select * from (\n${subquery}\n) order by (${cluster})` : subquery;
    return [`create or replace ${kind}table ${this.renderRelation(rel)} ${this.columnsAndConstraints(table)}${clusterClause}${grants} as (\n${select}\n)`];
  }

  /**
   * dbt-snowflake checks a contract on the driver's type codes (snowflake-connector's FIELD_ID_TO_NAME): FIXED for any
   * NUMBER(p,s), REAL, TEXT; the others are named as the connection reports them (DATE, TIMESTAMP_NTZ, BOOLEAN …).
   */
  override contractCheckedType(dataType: string): string {
    const t = dataType.toUpperCase();
    if (/^(NUMBER|DECIMAL|NUMERIC)\b/u.test(t)) return 'FIXED';
    if (t === 'FLOAT' || t === 'REAL' || t === 'DOUBLE') return 'REAL';
    if (/^(VARCHAR|TEXT|STRING)\b/u.test(t)) return 'TEXT';
    return t;
  }

  /** dbt-snowflake's `create_or_replace_clone`: transient unless `transient: false`, `copy grants` with `copy_grants`. */
  cloneTable(target: RelationRef, source: RelationRef, options: CreateOptions = {}): string {
    const kind = options.transient === false ? '' : 'transient ';
    const grants = options.copyGrants ? ' copy grants' : '';
    return `create or replace ${kind}table ${this.renderRelation(target)} clone ${this.renderRelation(source)}${grants}`;
  }

  override createViewAs(rel: RelationRef, selectSql: string, options: CreateOptions = {}): string {
    // dbt-snowflake's `create_view_as_with_temp_flag`: an incremental's staged rows, for this session only.
    if (options.temporary) return super.createViewAs(rel, selectSql, options);
    const secure = options.secure ? 'secure ' : '';
    const grants = options.copyGrants ? ' copy grants' : '';
    return `create or replace ${secure}view ${this.renderRelation(rel)}${grants} as (\n${sqlBody(selectSql)}\n)`;
  }

  /** A table target is replaced atomically with `swap with`; a view or nothing is dropped and renamed over. */
  override swapRelation(staged: RelationRef, target: RelationRef, targetExistingType: RelationType | undefined): string[] {
    if (targetExistingType === 'table') {
      return [`alter table ${this.renderRelation(staged)} swap with ${this.renderRelation(target)}`, this.dropRelation(staged, 'table')];
    }
    return super.swapRelation(staged, target, targetExistingType);
  }

  /** dbt-snowflake's microbatch delete: the target aliased, its event time against `to_timestamp_tz` bounds. */
  override microbatchDelete(target: RelationRef, eventTime: string, start: string, end: string): string {
    const col = `DBT_INTERNAL_TARGET.${eventTime}`;
    return `delete from ${this.renderRelation(target)} DBT_INTERNAL_TARGET\nwhere (\n  ${col} >= to_timestamp_tz(${this.literal(start)})\n  and ${col} < to_timestamp_tz(${this.literal(end)})\n)`;
  }

  /** dbt-snowflake's relations need no subquery alias (`require_alias = False`). */
  override eventTimeFiltered(relationSql: string, _identifier: string, eventTime: string, start: string, end: string): string {
    return `(select * from ${relationSql} where ${eventTime} >= ${this.literal(start)} and ${eventTime} < ${this.literal(end)})`;
  }

  /** dbt-snowflake's `snapshot_get_time()`: the UTC wall time, whatever the session's TIMEZONE. */
  override snapshotTime(): string {
    return "to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))";
  }

  /** dbt-snowflake lists with SHOW (no warehouse needed, unlike information_schema). */
  listRelationsSql(database: string | undefined, schema: string): string {
    return `show terse objects in schema ${this.renderSchema(database, schema)}`;
  }

  getColumnsSql(rel: RelationRef): string {
    return `describe table ${this.renderRelation(rel)}`;
  }

  /** One relation: SHOW with LIKE (its `_` is a wildcard, so the caller filters on the exact name). */
  getRelationSql(rel: RelationRef): string {
    return `show terse objects like ${this.literal(this.resolvedName(rel.identifier))} in schema ${this.renderSchema(rel.database, rel.schema)}`;
  }

  /** `query_tag` per model, as dbt-snowflake sets it around the model's statements; `null` restores the profile's. */
  setQueryTag(tag: string | null): string {
    const value = tag ?? this.options.defaultQueryTag;
    return value ? `alter session set query_tag = ${this.literal(value)}` : 'alter session unset query_tag';
  }

  protected override dropKind(type: RelationType): string {
    return type === 'materialized_view' ? 'materialized view' : super.dropKind(type);
  }

  /** Snowflake moves an unqualified rename target to the session's schema, so the target is fully qualified. */
  protected override renameTarget(from: RelationRef, toIdentifier: string): string {
    return this.renderRelation({ ...from, identifier: toIdentifier });
  }

  protected override timestampLiteral(d: Date): string {
    return `'${formatTimestamp(d)}'::${this.typeName('timestamp')}`;
  }

  /** Snowflake string literals treat backslash as an escape, so it is doubled along with the quote. */
  protected override stringLiteral(text: string): string {
    return super.stringLiteral(text.replace(/\\/gu, '\\\\'));
  }
}
