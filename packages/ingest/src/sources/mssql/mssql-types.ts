import type { LogicalType } from '../../schema/logical-type.js';

export interface MssqlColumnRow {
  dataType: string;
  maxLength: number | null;
  precision: number | null;
  scale: number | null;
}

/**
 * SQL Server → logical type, faithfully: every integer width, DECIMAL/NUMERIC with their precision and scale, MONEY
 * and SMALLMONEY as exact decimals, BIT as boolean, DATETIMEOFFSET as an instant (its offset travels in a companion
 * column, see carriesOffset). User types arrive here already resolved to their base type (INFORMATION_SCHEMA.COLUMNS
 * reports the base in DATA_TYPE). Undefined = unmappable.
 */
export function mssqlLogicalType(c: MssqlColumnRow): LogicalType | undefined {
  switch (c.dataType.toLowerCase()) {
    case 'bit': return { kind: 'boolean' };
    case 'tinyint': case 'smallint': return { kind: 'int16' };
    case 'int': return { kind: 'int32' };
    case 'bigint': return { kind: 'int64' };
    case 'decimal': case 'numeric': return { kind: 'decimal', precision: c.precision ?? 18, scale: c.scale ?? 0 };
    case 'money': return { kind: 'decimal', precision: 19, scale: 4 };
    case 'smallmoney': return { kind: 'decimal', precision: 10, scale: 4 };
    case 'float': return { kind: 'float64' };
    case 'real': return { kind: 'float32' };
    case 'date': return { kind: 'date' };
    case 'time': return { kind: 'time' };
    case 'datetime': case 'datetime2': case 'smalldatetime': return { kind: 'timestamp' };
    case 'datetimeoffset': return { kind: 'timestamptz' };
    case 'uniqueidentifier': return { kind: 'uuid' };
    case 'char': case 'varchar': case 'nchar': case 'nvarchar': case 'text': case 'ntext': case 'xml': case 'sysname': return { kind: 'string' };
    case 'binary': case 'varbinary': case 'image': case 'timestamp': case 'rowversion': return { kind: 'binary' };
    default: return undefined;
  }
}

/** DATETIMEOFFSET values carry their own UTC offset, which the instant alone would lose. */
export const carriesOffset = (c: Pick<MssqlColumnRow, 'dataType'>): boolean => c.dataType.toLowerCase() === 'datetimeoffset';

/** The type as SQL Server declares it, for plans and messages: `nvarchar(50)`, `decimal(19,4)`, `Name (nvarchar(50))`. */
export function mssqlTypeText(c: MssqlColumnRow & { domain: string | null }): string {
  const t = c.dataType.toLowerCase();
  let text = t;
  if (t === 'decimal' || t === 'numeric') text = `${t}(${c.precision},${c.scale})`;
  else if (c.maxLength !== null && /char|binary/.test(t)) text = `${t}(${c.maxLength === -1 ? 'max' : c.maxLength})`;
  return c.domain ? `${c.domain} (${text})` : text;
}
