import type { QueryResult } from '../adapter/types.js';

export type AgateRow = unknown[] & Record<string, unknown>;

/** The slice of agate.Table that dbt templates use on run_query / load_result results. */
export class AgateTable {
  readonly rows: AgateRow[];
  readonly column_names: string[];
  readonly columns: { name: string; data_type: string; values: () => unknown[] }[];

  constructor(result: QueryResult) {
    this.column_names = result.columns.map((c) => c.name);
    this.rows = result.rows.map((r) => {
      const row = [...r] as AgateRow;
      this.column_names.forEach((n, i) => Object.defineProperty(row, n, { value: r[i], enumerable: false }));
      return row;
    });
    this.columns = result.columns.map((c, i) => ({ name: c.name, data_type: c.dataType, values: () => this.rows.map((r) => r[i]) }));
  }
  get length(): number {
    return this.rows.length;
  }
  [Symbol.iterator](): Iterator<AgateRow> {
    return this.rows[Symbol.iterator]();
  }
  print_table(): string {
    return '';
  }
}
