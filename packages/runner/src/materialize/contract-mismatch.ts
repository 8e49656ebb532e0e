import type { ColumnInfo } from '@tsdbt/core';

/** One row of dbt's ContractError table. */
export interface ContractMismatch {
  column_name: string;
  definition_type: string;
  contract_type: string;
  mismatch_reason: 'data type mismatch' | 'missing in contract' | 'missing in definition';
}

const key = (c: ColumnInfo): string => c.name.toLowerCase();

/**
 * dbt's `assert_columns_equivalent`: the model's columns (`definition`, from its SQL) against the contract's (the
 * warehouse's types for the YAML's `data_type`s): the same number, every name found (case-insensitively, as the
 * warehouse resolves names), the same type. True when they agree.
 */
export function columnsMatch(contract: ColumnInfo[], definition: ColumnInfo[]): boolean {
  if (contract.length !== definition.length) return false;
  const byName = new Map(contract.map((c) => [key(c), c]));
  return definition.every((c) => byName.get(key(c))?.dataType === c.dataType);
}

/** dbt's ContractError.get_mismatches: type mismatches and names missing on either side, sorted by name. */
export function contractMismatches(contract: ColumnInfo[], definition: ColumnInfo[]): ContractMismatch[] {
  const out: ContractMismatch[] = [];
  const byName = new Map(contract.map((c) => [key(c), c]));
  const inSql = new Set<string>();
  for (const col of definition) {
    inSql.add(key(col));
    const yaml = byName.get(key(col));
    if (!yaml) out.push({ column_name: col.name, definition_type: col.dataType, contract_type: '', mismatch_reason: 'missing in contract' });
    else if (yaml.dataType !== col.dataType) out.push({ column_name: col.name, definition_type: col.dataType, contract_type: yaml.dataType, mismatch_reason: 'data type mismatch' });
  }
  for (const col of contract) {
    if (!inSql.has(key(col))) out.push({ column_name: col.name, definition_type: '', contract_type: col.dataType, mismatch_reason: 'missing in definition' });
  }
  return out.sort((a, b) => (a.column_name < b.column_name ? -1 : a.column_name > b.column_name ? 1 : 0));
}

const HEADERS = ['column_name', 'definition_type', 'contract_type', 'mismatch_reason'] as const;
/** agate's print_table(max_column_width=50), as dbt prints the table. */
const MAX_WIDTH = 50;

const clip = (v: string): string => (v.length > MAX_WIDTH ? `${v.slice(0, MAX_WIDTH - 3)}...` : v);

/** The mismatches as agate prints a text table: `| a   | b |`, a dashed rule under the header. */
export function mismatchTable(rows: ContractMismatch[]): string {
  const cells = rows.map((r) => HEADERS.map((h) => clip(r[h])));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]): string => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** dbt's ContractError message. */
export function contractErrorMessage(contract: ColumnInfo[], definition: ColumnInfo[]): string {
  if (!contract.length) return "This model has an enforced contract, and its 'columns' specification is missing";
  return (
    'This model has an enforced contract that failed.\n' +
    "Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.\n\n" +
    mismatchTable(contractMismatches(contract, definition))
  );
}
