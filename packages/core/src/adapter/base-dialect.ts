import type { Capabilities, ColumnInfo, CreateOptions, Dialect, MergeOptions, RelationRef, RelationType } from './types.js';
import { DEFAULT_CONSTRAINT_SUPPORT, renderColumnConstraint, renderModelConstraint, rendersConstraint, translateType } from './constraints.js';
import type { ColumnConstraint, ConstraintSupportMap, ContractColumn, ContractTable, ModelConstraint } from './constraints.js';

/** The portable type names `Dialect.typeName` maps. */
export type PortableType = Parameters<Dialect['typeName']>[0];

/** Per-part quoting of a relation (dbt's `quoting:` config): `true` quotes, `false` never does, unset is the dialect's rule. */
export interface RelationQuoting {
  database?: boolean;
  schema?: boolean;
  identifier?: boolean;
}

/** A SELECT ready to wrap in another statement: trailing semicolons would end it early (a trailing `--` comment is closed by the newline). */
export function sqlBody(selectSql: string): string {
  return selectSql.replace(/[\s;]+$/u, '');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: the text DuckDB and Snowflake cast to a timestamp without a time zone. */
export function formatTimestamp(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/**
 * The SQL every warehouse writes the same way (insert, delete by key, merge, column DDL, schemas, literals,
 * transactions). A dialect extends it and overrides only what differs: quoting rules (`ident`), table creation,
 * introspection, type names, and the hooks below.
 */
export abstract class BaseDialect implements Dialect {
  abstract readonly name: string;
  abstract readonly capabilities: Capabilities;
  /** Portable type name → this warehouse's. */
  protected abstract readonly portableTypes: Readonly<Record<PortableType, string>>;
  /** The `merge` join condition when there is no unique key (every source row inserts). */
  protected readonly noMatchCondition: string = 'false';
  readonly constraintSupport: ConstraintSupportMap = DEFAULT_CONSTRAINT_SUPPORT;

  abstract createTableAs(rel: RelationRef, selectSql: string, options?: CreateOptions): string;
  abstract listRelationsSql(database: string | undefined, schema: string): string;
  abstract getColumnsSql(rel: RelationRef): string;

  quote(identifier: string): string {
    return `"${identifier.replace(/"/gu, '""')}"`;
  }

  /** One name part as written in SQL: `quoted: false` leaves it bare; otherwise quoted (a dialect may keep simple names bare). */
  ident(name: string, quoted?: boolean): string {
    return quoted === false ? name : this.quote(name);
  }

  /** A column name as written in SQL (dbt's default column quoting). */
  column(name: string): string {
    return this.ident(name);
  }

  renderRelation(rel: RelationRef, quoting: RelationQuoting = {}): string {
    const parts: string[] = [];
    if (rel.database) parts.push(this.ident(rel.database, quoting.database));
    if (rel.schema) parts.push(this.ident(rel.schema, quoting.schema));
    parts.push(this.ident(rel.identifier, quoting.identifier));
    return parts.join('.');
  }

  /** Folds as `capabilities.identifierCase` says. */
  normalizeIdentifier(identifier: string): string {
    const fold = this.capabilities.identifierCase;
    return fold === 'upper' ? identifier.toUpperCase() : fold === 'lower' ? identifier.toLowerCase() : identifier;
  }

  createSchema(database: string | undefined, schema: string): string {
    return `create schema if not exists ${this.renderSchema(database, schema)}`;
  }

  dropSchema(database: string | undefined, schema: string): string {
    return `drop schema if exists ${this.renderSchema(database, schema)} cascade`;
  }

  createViewAs(rel: RelationRef, selectSql: string, options: CreateOptions = {}): string {
    return `create or replace ${options.temporary ? 'temporary ' : ''}view ${this.renderRelation(rel)} as (\n${sqlBody(selectSql)}\n)`;
  }

  /** dbt's default `make_temp_relation`: `<target>__dbt_tmp` beside the target (Snowflake and Postgres-like warehouses). */
  temporaryRelation(target: RelationRef, suffix: string): RelationRef {
    return { ...target, identifier: `${target.identifier}${suffix}` };
  }

  dropRelation(rel: RelationRef, type: RelationType): string {
    return `drop ${this.dropKind(type)} if exists ${this.renderRelation(rel)} cascade`;
  }

  renameRelation(from: RelationRef, toIdentifier: string, type: RelationType): string {
    return `alter ${type === 'view' ? 'view' : 'table'} ${this.renderRelation(from)} rename to ${this.renameTarget(from, toIdentifier)}`;
  }

  /** Drop what is at the target, then rename the staged table over it. */
  swapRelation(staged: RelationRef, target: RelationRef, targetExistingType: RelationType | undefined): string[] {
    const drop = targetExistingType ? [this.dropRelation(target, targetExistingType)] : [];
    return [...drop, this.renameRelation(staged, target.identifier, 'table')];
  }

  insertInto(target: RelationRef, columns: string[], selectSql: string): string {
    return `insert into ${this.renderRelation(target)} (${columns.map((c) => this.column(c)).join(', ')})\n(\n${sqlBody(selectSql)}\n)`;
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

  /** dbt-duckdb's microbatch predicates: the event time cast to a timestamp, compared with the window's bounds. */
  microbatchDelete(target: RelationRef, eventTime: string, start: string, end: string): string {
    const col = `cast(${eventTime} as ${this.typeName('timestamp')})`;
    return `delete from ${this.renderRelation(target)}\nwhere (\n  ${col} >= ${this.literal(start)}\n  and ${col} < ${this.literal(end)}\n)`;
  }

  /** dbt's BaseRelation with an event_time filter: a subquery with dbt's alias (`require_alias`, true by default). */
  eventTimeFiltered(relationSql: string, identifier: string, eventTime: string, start: string, end: string): string {
    const where = `${eventTime} >= ${this.literal(start)} and ${eventTime} < ${this.literal(end)}`;
    return `(select * from ${relationSql} where ${where}) _dbt_et_filter_subq_${identifier}`;
  }

  /** dbt's default `snapshot_get_time()` (dbt-duckdb's `now()::timestamp`: the session's wall time). */
  snapshotTime(): string {
    return `cast(current_timestamp as ${this.typeName('timestamp')})`;
  }

  /** dbt's default merge: update matched rows (when there is a key), insert the rest. */
  merge(o: MergeOptions): string {
    const col = (c: string): string => this.column(c);
    const cols = o.columns.map(col);
    const on = o.uniqueKey.length ? o.uniqueKey.map((k) => `DBT_INTERNAL_SOURCE.${col(k)} = DBT_INTERNAL_DEST.${col(k)}`).join(' and ') : this.noMatchCondition;
    const updates = (o.updateColumns ?? o.columns).map((c) => `${col(c)} = DBT_INTERNAL_SOURCE.${col(c)}`).join(', ');
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

  beginTransaction(): string {
    return 'begin';
  }

  commit(): string {
    return 'commit';
  }

  rollback(): string {
    return 'rollback';
  }

  typeName(portable: PortableType): string {
    return this.portableTypes[portable];
  }

  literal(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `'${String(value)}'::${this.typeName('float')}`;
    if (value instanceof Date) return this.timestampLiteral(value);
    return this.stringLiteral(typeof value === 'string' ? value : JSON.stringify(value));
  }

  emptySubquery(selectSql: string): string {
    return `select * from (\n${sqlBody(selectSql)}\n) as __dbt_sbq\nwhere false\nlimit 0`;
  }

  emptySchemaSelect(columns: { name: string; dataType: string; quote?: boolean }[]): string {
    return `select\n${columns.map((c) => `  cast(null as ${c.dataType}) as ${this.contractColumn(c)}`).join(',\n')}`;
  }

  contractType(dataType: string): string {
    return translateType(dataType);
  }

  contractCheckedType(dataType: string): string {
    return dataType;
  }

  /** dbt-duckdb's form (dbt's `table_columns_and_constraints`, then `insert … select <contract columns> from (…) as model_subq`). */
  createContractTable(rel: RelationRef, table: ContractTable, selectSql: string, _options?: CreateOptions): string[] {
    const names = `(${table.columns.map((c) => this.contractColumn(c)).join(', ')})`;
    return [`create table ${this.renderRelation(rel)} ${this.columnsAndConstraints(table)}`, `insert into ${this.renderRelation(rel)} ${names}\n(\n${this.contractSelect(table, selectSql)}\n)`];
  }

  /** dbt's `get_select_subquery`: the contract's columns, in its order, of the model's SELECT. */
  protected contractSelect(table: ContractTable, selectSql: string): string {
    return `select ${table.columns.map((c) => this.contractColumn(c)).join(', ')}\nfrom (\n${sqlBody(selectSql)}\n) as model_subq`;
  }

  /** dbt's `table_columns_and_constraints`: `(name type constraints…, model constraints…)`. */
  protected columnsAndConstraints(table: ContractTable): string {
    const supported = (c: ColumnConstraint): boolean => rendersConstraint(c, this.constraintSupport);
    const columns = table.columns.map((col) =>
      [`${this.contractColumn(col)} ${col.dataType}`, ...col.constraints.filter(supported).map((c) => this.columnConstraintSql(c))].filter(Boolean).join(' '),
    );
    const model = table.constraints.filter(supported).map((c) => this.modelConstraintSql(c)).filter((c): c is string => !!c);
    return `(\n${[...columns, ...model].map((l) => `    ${l}`).join(',\n')}\n)`;
  }

  /** A contracted column's name: quoted when its YAML says `quote: true`, else as the dialect writes columns. */
  protected contractColumn(c: Pick<ContractColumn, 'name' | 'quote'>): string {
    return c.quote ? this.quote(c.name) : this.column(c.name);
  }

  protected columnConstraintSql(c: ColumnConstraint): string | undefined {
    return renderColumnConstraint(c);
  }

  protected modelConstraintSql(c: ModelConstraint): string | undefined {
    return renderModelConstraint(c);
  }

  /** A schema addressed as a relation: `database.schema`. */
  protected renderSchema(database: string | undefined, schema: string): string {
    return this.renderRelation({ database, schema: '', identifier: schema });
  }

  /** The keyword `drop ... if exists` takes for a relation type. */
  protected dropKind(type: RelationType): string {
    return type === 'view' ? 'view' : 'table';
  }

  /** The new name in `rename to` (standard SQL: the bare identifier, staying in the same schema). */
  protected renameTarget(_from: RelationRef, toIdentifier: string): string {
    return this.quote(toIdentifier);
  }

  /** A timestamp without time zone, in UTC. */
  protected timestampLiteral(d: Date): string {
    return `TIMESTAMP '${formatTimestamp(d)}'`;
  }

  /** Standard SQL: single quotes doubled. */
  protected stringLiteral(text: string): string {
    return `'${text.replace(/'/gu, "''")}'`;
  }
}
