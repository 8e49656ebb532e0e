import type { SourceColumn } from './logical-type.js';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The columns an `include` / `exclude` list keeps. A derived companion (an offset column) follows the column it
 * derives from: it is loaded when that column is, so excluding (or not including) a DATETIMEOFFSET column drops its
 * offset too; it can still be excluded on its own by its name.
 */
export function selectColumns(columns: SourceColumn[], include: string[] | undefined, exclude: string[]): SourceColumn[] {
  const excluded = (c: SourceColumn) => exclude.some((n) => same(n, c.name));
  const chosen = (c: SourceColumn): boolean => {
    if (c.offsetOf !== undefined) {
      const parent = columns.find((p) => p.name === c.offsetOf);
      return !excluded(c) && (parent ? chosen(parent) : false);
    }
    return (!include || include.some((n) => same(n, c.name))) && !excluded(c);
  };
  return columns.filter(chosen);
}
