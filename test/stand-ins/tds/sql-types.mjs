// SQL Server types as the stand-in declares them: parsing `nvarchar(50)`, AdventureWorks' user types, the DuckDB
// type each is stored as, and the SQL Server type a bare DuckDB column is reported as.

/** AdventureWorks' alias types (CREATE TYPE ... FROM base). */
export const USER_TYPES = {
  name: 'nvarchar(50)', flag: 'bit', namestyle: 'bit', accountnumber: 'nvarchar(15)',
  ordernumber: 'nvarchar(25)', phone: 'nvarchar(25)',
};

/** Parses a T-SQL type text into { name, length, precision, scale, domain }. Lengths are in characters/bytes. */
export function parseSqlType(text) {
  const m = /^\s*(\w+)\s*(?:\(\s*(max|\d+)\s*(?:,\s*(\d+))?\s*\))?\s*$/i.exec(text);
  if (!m) throw new Error(`Cannot parse SQL Server type '${text}'`);
  const name = m[1].toLowerCase();
  if (USER_TYPES[name]) return { ...parseSqlType(USER_TYPES[name]), domain: m[1] };
  const arg = m[2]?.toLowerCase();
  const t = { name, domain: null };
  if (name === 'decimal' || name === 'numeric') {
    t.precision = arg ? Number(arg) : 18;
    t.scale = m[3] ? Number(m[3]) : 0;
  } else if (['time', 'datetime2', 'datetimeoffset'].includes(name)) {
    t.scale = arg ? Number(arg) : 7;
  } else if (['nvarchar', 'varchar', 'nchar', 'char', 'varbinary', 'binary'].includes(name)) {
    t.length = arg === 'max' ? -1 : arg ? Number(arg) : 1;
  } else if (['xml', 'ntext', 'text', 'image'].includes(name)) {
    t.length = -1;
  } else if (name === 'sysname') {
    return { name: 'nvarchar', length: 128, domain: 'sysname' };
  }
  return t;
}

/** The DuckDB column type that stores values of a SQL Server type. */
export function duckTypeFor(t) {
  switch (t.name) {
    case 'tinyint': return 'UTINYINT';
    case 'smallint': return 'SMALLINT';
    case 'int': return 'INTEGER';
    case 'bigint': return 'BIGINT';
    case 'bit': return 'BOOLEAN';
    case 'float': return 'DOUBLE';
    case 'real': return 'FLOAT';
    case 'decimal': case 'numeric': return `DECIMAL(${t.precision},${t.scale})`;
    case 'money': return 'DECIMAL(19,4)';
    case 'smallmoney': return 'DECIMAL(10,4)';
    case 'date': return 'DATE';
    case 'time': return 'TIME';
    case 'datetime': case 'datetime2': case 'smalldatetime': return 'TIMESTAMP';
    case 'datetimeoffset': return 'TIMESTAMP WITH TIME ZONE';
    case 'uniqueidentifier': return 'UUID';
    case 'varbinary': case 'binary': case 'image': case 'geography': case 'geometry': case 'hierarchyid': return 'BLOB';
    default: return 'VARCHAR';
  }
}

/** The SQL Server type a DuckDB result column is reported as when no declared type applies. */
export function sqlTypeForDuck(duckType) {
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(duckType);
  if (dec) return { name: 'decimal', precision: Number(dec[1]), scale: Number(dec[2]) };
  const simple = {
    BOOLEAN: 'bit', TINYINT: 'smallint', UTINYINT: 'tinyint', SMALLINT: 'smallint', USMALLINT: 'int', INTEGER: 'int',
    UINTEGER: 'bigint', BIGINT: 'bigint', FLOAT: 'real', DOUBLE: 'float', DATE: 'date', UUID: 'uniqueidentifier',
  }[duckType];
  if (simple) return { name: simple };
  if (duckType === 'HUGEINT') return { name: 'decimal', precision: 38, scale: 0 };
  if (duckType === 'TIME') return { name: 'time', scale: 6 };
  if (duckType.startsWith('TIMESTAMP WITH')) return { name: 'datetimeoffset', scale: 6 };
  if (duckType.startsWith('TIMESTAMP')) return { name: 'datetime2', scale: 6 };
  if (duckType === 'BLOB') return { name: 'varbinary', length: -1 };
  return { name: 'nvarchar', length: -1 };
}

/** Text form for INFORMATION_SCHEMA-style reporting. */
export function sqlTypeText(t) {
  if (t.precision !== undefined) return `${t.name}(${t.precision},${t.scale})`;
  if (t.length !== undefined) return `${t.name}(${t.length === -1 ? 'max' : t.length})`;
  return t.name;
}
