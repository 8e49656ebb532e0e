import type { ConstraintSupportMap, ContractTable } from './constraints.js';

/**
 * The adapter surface (Kysely's Dialect shape): core owns these interfaces, adapters implement them.
 * A Dialect is pure and synchronous (builds SQL strings, golden-tested without a database); a Connection does I/O.
 * Differences between warehouses are Capabilities, never `adapter.name === '...'` checks in core or runner.
 */

/** A relation as dbt names it. `database` is the catalog (DuckDB: the attached file's name). */
export interface RelationRef {
  database?: string;
  schema: string;
  identifier: string;
}

export type RelationType = 'table' | 'view' | 'external' | 'materialized_view';

export interface RelationInfo extends RelationRef {
  type: RelationType;
}

export interface ColumnInfo {
  name: string;
  /** The warehouse's own type text, e.g. `DECIMAL(19,4)`, `VARCHAR`, `NUMBER(38,0)`. */
  dataType: string;
  nullable?: boolean;
}

/** A result table. Values are plain JS: numbers, strings, booleans, bigint, Date, null. */
export interface QueryResult {
  columns: ColumnInfo[];
  rows: unknown[][];
  /** Rows affected for DML, when the driver reports it. */
  rowsAffected?: number;
}

export interface Capabilities {
  /** DDL can run inside a transaction and roll back (DuckDB yes; Snowflake: DDL commits implicitly). */
  transactionalDdl: boolean;
  /** `MERGE INTO` is supported natively. */
  merge: boolean;
  /** `CREATE OR REPLACE TABLE ... AS` replaces atomically. */
  atomicCreateOrReplace: boolean;
  /** Unquoted identifiers fold to upper case (Snowflake) rather than lower/preserve (DuckDB). */
  identifierCase: 'upper' | 'lower' | 'preserve';
  /** Transient tables exist. */
  transientTables: boolean;
  /** Bulk load of rows through `Connection.bulkLoad`. */
  bulkLoad: boolean;
  /**
   * dbt-snowflake's `tmp_relation_type`: an incremental step that runs one statement (merge, append, or
   * delete+insert / microbatch without a unique key) stages its rows in a session-temporary *view*, and the model's
   * `tmp_relation_type` (`table` | `view`) is honoured. Unset: always a temporary table (dbt-duckdb).
   */
  temporaryViewStaging?: boolean;
  /**
   * dbt's `Capability.MicrobatchConcurrency`: the middle batches of a microbatch model may run at once, each on its
   * own connection and transaction (dbt-snowflake declares it; dbt-duckdb too). Unset: batches run one at a time.
   */
  microbatchConcurrency?: boolean;
}

/** Options for building a table or a view from a SELECT. */
export interface CreateOptions {
  /** Snowflake: transient table (dbt-snowflake default true for tables). */
  transient?: boolean;
  /** Snowflake: `cluster_by` columns. */
  clusterBy?: string[];
  copyGrants?: boolean;
  secure?: boolean;
  /** A temporary table for the session only. */
  temporary?: boolean;
}

export interface MergeOptions {
  target: RelationRef;
  source: RelationRef;
  uniqueKey: string[];
  /** Columns to insert/update; all of the target's when omitted. */
  columns: string[];
  /** Columns to update on match (defaults to `columns`). */
  updateColumns?: string[];
}

/** Pure SQL builder for one warehouse. Every method returns SQL text; nothing here touches a database. */
export interface Dialect {
  readonly name: string;
  readonly capabilities: Capabilities;
  /** Quote one identifier. */
  quote(identifier: string): string;
  /**
   * Where a session-temporary relation staged for `target` lives, named `<target>` + `suffix` (dbt's
   * `make_temp_relation`): created with `CreateOptions.temporary`, addressed by this relation afterwards. BaseDialect's:
   * a sibling in the target's schema, where a warehouse that scopes temporary objects to the session (Snowflake) keeps it.
   */
  temporaryRelation(target: RelationRef, suffix: string): RelationRef;
  /** Render a relation as the warehouse addresses it (`"db"."schema"."name"`), honouring quoting config. */
  renderRelation(rel: RelationRef, quoting?: { database?: boolean; schema?: boolean; identifier?: boolean }): string;
  /** Fold an unquoted identifier as the warehouse resolves it (Snowflake upper-cases). */
  normalizeIdentifier(identifier: string): string;
  createSchema(database: string | undefined, schema: string): string;
  dropSchema(database: string | undefined, schema: string): string;
  createTableAs(rel: RelationRef, selectSql: string, options?: CreateOptions): string;
  createViewAs(rel: RelationRef, selectSql: string, options?: CreateOptions): string;
  dropRelation(rel: RelationRef, type: RelationType): string;
  /** Rename within the same schema. */
  renameRelation(from: RelationRef, toIdentifier: string, type: RelationType): string;
  /**
   * Statements that atomically put `staged` in place of `target` (dropping the old one), to run in order inside
   * one transaction where `capabilities.transactionalDdl`; Snowflake uses `ALTER TABLE ... SWAP WITH`.
   */
  swapRelation(staged: RelationRef, target: RelationRef, targetExistingType: RelationType | undefined): string[];
  insertInto(target: RelationRef, columns: string[], selectSql: string): string;
  deleteWhereKeyIn(target: RelationRef, source: RelationRef, uniqueKey: string[]): string;
  merge(options: MergeOptions): string;
  /**
   * dbt's microbatch: the statement that empties one batch window `[start, end)` of `target` on `eventTime` before
   * the batch's rows go in (dbt-duckdb and dbt-snowflake delete+insert per batch). Timestamps as dbt prints them.
   */
  microbatchDelete(target: RelationRef, eventTime: string, start: string, end: string): string;
  /** A ref/source read inside one batch: `relationSql` filtered on its own `event_time` to `[start, end)`. */
  eventTimeFiltered(relationSql: string, identifier: string, eventTime: string, start: string, end: string): string;
  /** dbt's `snapshot_get_time()`: the warehouse clock as a zone-less timestamp, the snapshot's version time. */
  snapshotTime(): string;
  addColumn(rel: RelationRef, column: ColumnInfo): string;
  dropColumn(rel: RelationRef, column: string): string;
  alterColumnType(rel: RelationRef, column: string, dataType: string): string;
  /** Introspection queries the connection runs (information_schema / SHOW). */
  listRelationsSql(database: string | undefined, schema: string): string;
  getColumnsSql(rel: RelationRef): string;
  beginTransaction(): string;
  commit(): string;
  rollback(): string;
  /** Map a portable type name (`string`, `timestamp`, `numeric`, `int`, `boolean`, `float`, `date`) to this warehouse's. */
  typeName(portable: 'string' | 'timestamp' | 'numeric' | 'int' | 'bigint' | 'boolean' | 'float' | 'date' | 'time' | 'binary' | 'timestamptz'): string;
  /** A literal for a JS value (strings quoted and escaped, null, booleans, numbers). */
  literal(value: unknown): string;
  /**
   * The incremental strategy a model with a `unique_key` and no `incremental_strategy` uses (dbt-duckdb:
   * `delete+insert`; dbt-snowflake: `merge`). Without a unique key every default appends. Unset: `delete+insert`.
   */
  readonly defaultIncrementalStrategy?: IncrementalStrategy;
  /**
   * Where the warehouse tags queries (Snowflake's `query_tag`): the statement that sets the session's tag to `tag`,
   * or, with `null`, back to the target's own tag (unset when it has none). The runner sets a model's `query_tag`
   * before its statements and restores it after. Absent: the warehouse has no query tags.
   */
  setQueryTag?(tag: string | null): string;
  /**
   * dbt's `create_or_replace_clone`: `target` made a zero-copy clone of the table `source` (Snowflake's `create or
   * replace … table … clone …`). Absent: the warehouse cannot clone tables (dbt's `can_clone_table()` is false) and
   * `clone` makes `select *` views over the state's relations instead.
   */
  cloneTable?(target: RelationRef, source: RelationRef, options?: CreateOptions): string;
  /** Model contracts (dbt's CONSTRAINT_SUPPORT): which constraints the warehouse enforces, keeps unenforced, or leaves out. */
  readonly constraintSupport: ConstraintSupportMap;
  /** dbt's `get_empty_subquery_sql`: the SELECT's columns and types without reading a row. */
  emptySubquery(selectSql: string): string;
  /** dbt's `get_empty_schema_sql`: a `cast(null as <type>) as <name>` per contracted column, for the types the warehouse gives them. */
  emptySchemaSelect(columns: { name: string; dataType: string; quote?: boolean }[]): string;
  /** A contract's `data_type` with `alias_types: true` (dbt's `Column.translate_type`). */
  contractType(dataType: string): string;
  /**
   * A result column's type as the contract check compares and prints it (dbt's `data_type_code_to_name`): the type
   * as reported (DuckDB), or the driver's type code (Snowflake's FIXED, TEXT …, so any NUMBER(p,s) matches).
   */
  contractCheckedType(dataType: string): string;
  /**
   * A table with an enforced contract, built from `selectSql`: the columns with their types and constraints (the
   * ones the warehouse does not support left out), filled with the contract's columns in its order. DuckDB:
   * `create table` then `insert`; Snowflake: one `create … (columns) as select`.
   */
  createContractTable(rel: RelationRef, table: ContractTable, selectSql: string, options?: CreateOptions): string[];
}

export type IncrementalStrategy = 'append' | 'merge' | 'delete+insert';

/** A column of a bulk load: name and the warehouse type to create it with. */
export interface LoadColumn {
  name: string;
  dataType: string;
  nullable?: boolean;
}

/** One live session. Not shared between concurrent statements: the runner keeps one per thread. */
export interface Connection {
  /** Run one statement (parameters positional, `$1`/`?` as the dialect binds them). */
  execute(sql: string, params?: unknown[]): Promise<QueryResult>;
  /** Run statements in one transaction; rolls back and rethrows on failure. */
  transaction<T>(fn: (conn: Connection) => Promise<T>): Promise<T>;
  getRelation(rel: RelationRef): Promise<RelationInfo | undefined>;
  getColumns(rel: RelationRef): Promise<ColumnInfo[]>;
  listRelations(database: string | undefined, schema: string): Promise<RelationInfo[]>;
  /**
   * Append rows in bulk (DuckDB appender; Snowflake PUT + COPY INTO). The relation must exist with `columns`.
   * Rows arrive in chunks so memory stays flat. Present when `capabilities.bulkLoad`.
   */
  bulkLoad?(rel: RelationRef, columns: LoadColumn[], chunks: AsyncIterable<unknown[][]>): Promise<number>;
  /** Cancel what is running (Ctrl-C). */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** Context the adapter needs to resolve its config (paths are relative to the project). */
export interface AdapterConfigContext {
  projectDir: string;
}

/** The resolved output of a profile target: `type` picks the adapter; the rest is the adapter's own config. */
export interface TargetConfig {
  type: string;
  /** Target name (`dev`). */
  name: string;
  /** Default schema of the target. */
  schema: string;
  /** Default database/catalog. */
  database: string;
  threads: number;
  [key: string]: unknown;
}

export interface Adapter<C extends TargetConfig = TargetConfig> {
  readonly name: string;
  readonly capabilities: Capabilities;
  /** Validate and normalise the raw profile output (throws TsdbtError naming the key). Secrets stay out of `toSafeJson`. */
  parseConfig(raw: Record<string, unknown>, targetName: string, context: AdapterConfigContext): C;
  /** The config without secrets, for manifest/logs/debug. */
  toSafeJson(config: C): Record<string, unknown>;
  createDialect(config: C): Dialect;
  connect(config: C): Promise<Connection>;
}
