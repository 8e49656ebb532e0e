/**
 * dlt's `snake_case` naming convention (dlt/common/normalizers/naming/snake_case.py), so tables and columns land
 * with the names dlt users expect: `SalesOrderID` → `sales_order_id`, `SalesOrderHeader` → `sales_order_header`.
 */
const REDUCE_FROM = '+-*@|';
const REDUCE_TO = 'x_xal';

export function snakeCase(identifier: string): string {
  let s = [...identifier].map((c) => { const i = REDUCE_FROM.indexOf(c); return i >= 0 ? REDUCE_TO[i]! : c; }).join('');
  s = s.replace(/[^a-zA-Z\d_]+/g, '_');
  s = s.replace(/([^_])([A-Z][a-z]+)/g, '$1_$2');
  s = s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (/^\d/.test(s)) s = `_${s}`;
  const stripped = s.replace(/_+$/, '');
  s = stripped + 'x'.repeat(s.length - stripped.length);
  return s.replace(/__+/g, '_');
}

export type Naming = 'snake_case' | 'direct';

/** The destination name of a source identifier under a naming convention. */
export function normalizeName(identifier: string, naming: Naming): string {
  return naming === 'snake_case' ? snakeCase(identifier) : identifier;
}
