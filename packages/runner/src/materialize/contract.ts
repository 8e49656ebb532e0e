import { TsdbtError, constraintWarnings, parseColumnConstraint, parseModelConstraint, pyRepr } from '@tsdbt/core';
import type { ColumnConstraint, ColumnInfo, ContractColumn, ContractTable, ManifestNode, ModelConstraint } from '@tsdbt/core';
import type { NodeContext } from '../types.js';
import { columnsMatch, contractErrorMessage } from './contract-mismatch.js';

/** Runtime errors dbt raises as CompilationError (printed `Compilation Error in model …`). */
export const CONTRACT_ERROR = 'TSDBT_CONTRACT_ERROR';

interface ContractConfig {
  enforced?: unknown;
  alias_types?: unknown;
}

const contractConfig = (node: ManifestNode): ContractConfig => (node.config.contract ?? {}) as ContractConfig;

/** A model whose `contract: {enforced: true}`. */
export function contractEnforced(node: ManifestNode): boolean {
  return node.resource_type === 'model' && contractConfig(node).enforced === true;
}


/**
 * The contract's columns in YAML order, types through `alias_types`. dbt's errors for a contract with no columns
 * and for columns without a `data_type`; its warning for a bare numeric type.
 */
function contractColumns(ctx: NodeContext): ContractColumn[] {
  const { node } = ctx;
  const columns = Object.values(node.columns ?? {});
  const file = node.original_file_path;
  if (!columns.length) throw new TsdbtError(CONTRACT_ERROR, contractErrorMessage([], []), { file });
  const untyped = columns.filter((c) => !c.data_type).map((c) => c.name);
  if (untyped.length) {
    throw new TsdbtError(
      CONTRACT_ERROR,
      'Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined ' +
        `within the YAML configuration for the ${pyRepr(untyped)} column(s).`,
      { file },
    );
  }
  const naked = columns.filter((c) => ['numeric', 'decimal', 'number'].includes(c.data_type!.trim().toLowerCase())).map((c) => c.name);
  if (naked.length) {
    ctx.warn?.({
      code: 'TSDBT_CONTRACT_NUMERIC_PRECISION',
      severity: 'warning',
      file,
      message: `Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: ${pyRepr(naked)}\``,
    });
  }
  const alias = contractConfig(node).alias_types !== false;
  return columns.map((c) => ({
    name: c.name,
    dataType: alias ? ctx.dialect.contractType(c.data_type!) : c.data_type!,
    quote: c.quote === true,
    constraints: c.constraints.map(parseColumnConstraint).filter((x): x is ColumnConstraint => !!x),
  }));
}

/**
 * dbt's pre-flight `assert_columns_equivalent`: the names and types of the model's SQL (its empty subquery) against
 * the contract's (the warehouse's types for a `cast(null as <data_type>)` per column). A mismatch throws dbt's
 * ContractError with its table; nothing has been built yet. Returns the contracted table.
 */
export async function assertContract(ctx: NodeContext, sql: string): Promise<ContractTable> {
  const { conn, dialect, node } = ctx;
  const columns = contractColumns(ctx);
  // Types as the warehouse's dbt adapter compares them (Snowflake: type codes, so NUMBER(1,0) meets an INT contract).
  const checked = (cols: ColumnInfo[]): ColumnInfo[] => cols.map((c) => ({ ...c, dataType: dialect.contractCheckedType(c.dataType) }));
  const definition = checked((await conn.execute(dialect.emptySubquery(sql))).columns);
  const contract = checked((await conn.execute(dialect.emptySubquery(dialect.emptySchemaSelect(columns)))).columns);
  if (!columnsMatch(contract, definition)) {
    throw new TsdbtError(CONTRACT_ERROR, contractErrorMessage(contract, definition), { file: node.original_file_path });
  }
  const constraints = Array.isArray(node.constraints) ? node.constraints.map(parseModelConstraint).filter((x): x is ModelConstraint => !!x) : [];
  return { columns, constraints };
}

const REF_OR_SOURCE = /^\s*(ref|source)\s*\(/u;

/** A foreign key's `to: ref('parent')` (dbt ≥ 1.9) as the parent's relation name, rendered in the node's context. */
export async function resolveForeignKeys(ctx: NodeContext, table: ContractTable): Promise<ContractTable> {
  const resolve = async <C extends ColumnConstraint>(c: C): Promise<C> =>
    c.type === 'foreign_key' && c.to && REF_OR_SOURCE.test(c.to) ? { ...c, to: (await ctx.render(`{{ ${c.to} }}`)).trim() } : c;
  const columns: ContractColumn[] = [];
  for (const col of table.columns) columns.push({ ...col, constraints: await Promise.all(col.constraints.map(resolve)) });
  return { columns, constraints: await Promise.all(table.constraints.map(resolve)) };
}

/** dbt's ConstraintNotSupported / ConstraintNotEnforced warnings, once per build of the table. */
export function warnConstraints(ctx: NodeContext, table: ContractTable): void {
  for (const w of constraintWarnings(table, ctx.dialect.constraintSupport, ctx.dialect.name)) {
    const code = w.name === 'ConstraintNotSupported' ? 'TSDBT_CONSTRAINT_NOT_SUPPORTED' : 'TSDBT_CONSTRAINT_NOT_ENFORCED';
    ctx.warn?.({ code, severity: 'warning', file: ctx.node.original_file_path, message: w.message });
  }
}
