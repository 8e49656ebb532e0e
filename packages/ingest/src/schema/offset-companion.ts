import type { SourceColumn } from './logical-type.js';

/** Suffix of the companion column that carries a DATETIMEOFFSET column's offset. */
export const OFFSET_SUFFIX = '_offset_minutes';

/**
 * The companion of a column whose values carry their own UTC offset (SQL Server DATETIMEOFFSET). The column itself
 * lands as TIMESTAMPTZ, the instant; DuckDB's TIMESTAMPTZ has no per-value offset, so the offset lands beside it as
 * `<Column>_offset_minutes` SMALLINT (SQL Server offsets span -840..+840 minutes). The name goes through the same
 * naming convention as every other column (`OrderDate` → `order_date_offset_minutes` under snake_case).
 */
export function offsetCompanion(column: SourceColumn): SourceColumn {
  return {
    name: `${column.name}${OFFSET_SUFFIX}`,
    sourceType: `offset of ${column.sourceType} (minutes)`,
    logical: { kind: 'int16' },
    nullable: column.nullable,
    offsetOf: column.name,
  };
}

/** `columns` with each offset-carrying column (`carriesOffset`) followed by its companion. */
export function withOffsetCompanions(columns: SourceColumn[], carriesOffset: (c: SourceColumn) => boolean): SourceColumn[] {
  return columns.flatMap((c) => (carriesOffset(c) ? [c, offsetCompanion(c)] : [c]));
}
