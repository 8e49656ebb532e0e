import type { LogicalType } from '../../schema/logical-type.js';

/** DuckDB column type text → logical type (the embedded AdventureWorks-shaped source). Undefined = unmappable. */
export function duckLogicalType(type: string): LogicalType | undefined {
  const t = type.toUpperCase();
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return { kind: 'decimal', precision: Number(dec[1]), scale: Number(dec[2]) };
  const simple: Record<string, LogicalType> = {
    BOOLEAN: { kind: 'boolean' }, TINYINT: { kind: 'int16' }, UTINYINT: { kind: 'int16' }, SMALLINT: { kind: 'int16' },
    USMALLINT: { kind: 'int32' }, INTEGER: { kind: 'int32' }, UINTEGER: { kind: 'int64' }, BIGINT: { kind: 'int64' },
    UBIGINT: { kind: 'decimal', precision: 20, scale: 0 }, HUGEINT: { kind: 'decimal', precision: 38, scale: 0 },
    FLOAT: { kind: 'float32' }, REAL: { kind: 'float32' }, DOUBLE: { kind: 'float64' }, DATE: { kind: 'date' },
    TIME: { kind: 'time' }, TIMESTAMP: { kind: 'timestamp' }, TIMESTAMP_S: { kind: 'timestamp' }, TIMESTAMP_MS: { kind: 'timestamp' },
    TIMESTAMP_NS: { kind: 'timestamp' }, 'TIMESTAMP WITH TIME ZONE': { kind: 'timestamptz' }, VARCHAR: { kind: 'string' },
    UUID: { kind: 'uuid' }, BLOB: { kind: 'binary' },
  };
  return simple[t];
}
