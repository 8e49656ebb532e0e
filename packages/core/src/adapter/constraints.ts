import { isRecord } from '../util/yaml-file.js';

/**
 * dbt's model contracts and constraints (dbt ≥ 1.5, dbt_common.contracts.constraints): the parsed shapes, dbt's
 * default DDL rendering of each constraint, and which constraints a warehouse enforces (dbt's CONSTRAINT_SUPPORT).
 * Pure: the dialects render with these, the runner decides what to warn about.
 */

export type ConstraintType = 'check' | 'not_null' | 'unique' | 'primary_key' | 'foreign_key' | 'custom';
export const CONSTRAINT_TYPES: readonly ConstraintType[] = ['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom'];

/** dbt's ConstraintSupport: in the DDL and checked, in the DDL but not checked, or left out of the DDL. */
export type ConstraintSupport = 'enforced' | 'not_enforced' | 'not_supported';

/** dbt's `CONSTRAINT_SUPPORT` (`custom` is always rendered, never warned about). */
export type ConstraintSupportMap = Readonly<Record<Exclude<ConstraintType, 'custom'>, ConstraintSupport>>;

/** dbt-adapters' BaseAdapter default. */
export const DEFAULT_CONSTRAINT_SUPPORT: ConstraintSupportMap = Object.freeze({
  check: 'not_supported',
  not_null: 'enforced',
  unique: 'not_enforced',
  primary_key: 'not_enforced',
  foreign_key: 'enforced',
});

/** dbt's ColumnLevelConstraint, fields in its order (the manifest writes them so). */
export interface ColumnConstraint {
  type: ConstraintType;
  name: string | null;
  expression: string | null;
  warn_unenforced: boolean;
  warn_unsupported: boolean;
  /** foreign_key: the parent relation, as rendered (`ref('x')` resolved to its relation name at run time). */
  to: string | null;
  to_columns: string[];
}

/** dbt's ModelLevelConstraint: a column constraint naming its columns. */
export interface ModelConstraint extends ColumnConstraint {
  columns: string[];
}

/** A contracted column as the DDL writes it: name, type (after alias_types), quoting and constraints. */
export interface ContractColumn {
  name: string;
  dataType: string;
  quote?: boolean;
  constraints: ColumnConstraint[];
}

/** A contracted table: its columns in contract order, and the model-level constraints. */
export interface ContractTable {
  columns: ContractColumn[];
  constraints: ModelConstraint[];
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** A YAML constraint entry in dbt's shape, or undefined when it has no known `type`. */
export function parseColumnConstraint(raw: unknown): ColumnConstraint | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !CONSTRAINT_TYPES.includes(raw.type as ConstraintType)) return undefined;
  return {
    type: raw.type as ConstraintType,
    name: text(raw.name),
    expression: text(raw.expression),
    warn_unenforced: raw.warn_unenforced !== false,
    warn_unsupported: raw.warn_unsupported !== false,
    to: text(raw.to),
    to_columns: strings(raw.to_columns),
  };
}

export function parseModelConstraint(raw: unknown): ModelConstraint | undefined {
  const c = parseColumnConstraint(raw);
  return c && { ...c, columns: strings((raw as Record<string, unknown>).columns) };
}

/** dbt's `render_column_constraint`: the text after the column's type, or undefined when there is nothing to write. */
export function renderColumnConstraint(c: ColumnConstraint): string | undefined {
  const expression = c.expression ?? '';
  let out: string | undefined;
  if (c.type === 'check' && expression) out = `check (${expression})`;
  else if (c.type === 'not_null') out = `not null ${expression}`;
  else if (c.type === 'unique') out = `unique ${expression}`;
  else if (c.type === 'primary_key') out = `primary key ${expression}`;
  else if (c.type === 'foreign_key') {
    if (c.to && c.to_columns.length) out = `references ${c.to} (${c.to_columns.join(', ')})`;
    else if (expression) out = `references ${expression}`;
  } else if (c.type === 'custom' && expression) out = expression;
  return out?.trim();
}

/** dbt's `render_model_constraint`: a table-level clause of the column list. */
export function renderModelConstraint(c: ModelConstraint): string | undefined {
  const prefix = c.name ? `constraint ${c.name} ` : '';
  const columns = c.columns.join(', ');
  const expression = c.expression ? ` ${c.expression}` : '';
  if (c.type === 'check' && c.expression) return `${prefix}check (${c.expression})`;
  if (c.type === 'unique') return `${prefix}unique${expression} (${columns})`;
  if (c.type === 'primary_key') return `${prefix}primary key${expression} (${columns})`;
  if (c.type === 'foreign_key') {
    if (c.to && c.to_columns.length) return `${prefix}foreign key (${columns}) references ${c.to} (${c.to_columns.join(', ')})`;
    if (c.expression) return `${prefix}foreign key (${columns}) references ${c.expression}`;
    return undefined;
  }
  if (c.type === 'custom' && c.expression) return `${prefix}${c.expression}`;
  return undefined;
}

/** Whether a constraint goes into the DDL (`custom` always does). */
export function rendersConstraint(c: ColumnConstraint, support: ConstraintSupportMap): boolean {
  return c.type === 'custom' || support[c.type] !== 'not_supported';
}

/**
 * dbt's ConstraintNotSupported / ConstraintNotEnforced warnings for a table's constraints (one per constraint, in
 * DDL order), unless the constraint sets `warn_unsupported: false` / `warn_unenforced: false`.
 */
export function constraintWarnings(table: ContractTable, support: ConstraintSupportMap, adapter: string): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  const all = [...table.columns.flatMap((c) => c.constraints), ...table.constraints];
  for (const c of all) {
    if (c.type === 'custom') continue;
    const level = support[c.type];
    if (level === 'not_supported' && c.warn_unsupported) {
      out.push({
        name: 'ConstraintNotSupported',
        message: `The constraint type ${c.type} is not supported by ${adapter}, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.`,
      });
    } else if (level === 'not_enforced' && c.warn_unenforced) {
      out.push({
        name: 'ConstraintNotEnforced',
        message:
          `The constraint type ${c.type} is not enforced by ${adapter}. The constraint will be included in this model's DDL statement, ` +
          `but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.`,
      });
    }
  }
  return out;
}

/** dbt's Column.TYPE_LABELS: what `alias_types: true` translates a contract's `data_type` through. */
const TYPE_LABELS: Readonly<Record<string, string>> = { STRING: 'TEXT', TIMESTAMP: 'TIMESTAMP', FLOAT: 'FLOAT', INTEGER: 'INT', BOOLEAN: 'BOOLEAN', NUMERIC: 'NUMERIC' };

/** dbt's `Column.translate_type`: a generic name to the adapter's, any other type as written. */
export function translateType(dataType: string, labels: Readonly<Record<string, string>> = TYPE_LABELS): string {
  return labels[dataType.toUpperCase()] ?? dataType;
}
