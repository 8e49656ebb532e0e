/** A source column's type in source-neutral terms: what sources map to and destinations map from. */
export type LogicalType =
  | { kind: 'boolean' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'date' | 'time' | 'timestamp' | 'timestamptz' | 'string' | 'binary' | 'uuid' }
  | { kind: 'decimal'; precision: number; scale: number };

export interface SourceColumn {
  /** The source's own name. */
  name: string;
  /** The source's type text (`money`, `nvarchar(50)`, `Name → nvarchar(50)`), for messages and --dry-run. */
  sourceType: string;
  /** Undefined when the type has no faithful mapping (geography, hierarchyid, sql_variant…). */
  logical?: LogicalType;
  nullable: boolean;
  /**
   * Set on a companion column the source derives, which does not exist at the source: it holds the UTC offset in
   * minutes of the named DATETIMEOFFSET column (see offset-companion.ts). It follows that column in and out of a load.
   */
  offsetOf?: string;
}

export interface SourceTable {
  schema: string;
  name: string;
  columns: SourceColumn[];
  primaryKey: string[];
}

/** Destination type text for a logical type, through the destination dialect's portable names. */
export function destinationType(t: LogicalType, typeName: (portable: 'string' | 'timestamp' | 'int' | 'bigint' | 'boolean' | 'float' | 'date' | 'time' | 'binary' | 'timestamptz') => string): string {
  switch (t.kind) {
    case 'boolean': return typeName('boolean');
    case 'int16': return 'SMALLINT';
    case 'int32': return typeName('int');
    case 'int64': return typeName('bigint');
    case 'float32': return 'REAL';
    case 'float64': return typeName('float');
    case 'decimal': return `DECIMAL(${t.precision},${t.scale})`;
    case 'date': return typeName('date');
    case 'time': return typeName('time');
    case 'timestamp': return typeName('timestamp');
    case 'timestamptz': return typeName('timestamptz');
    case 'binary': return typeName('binary');
    case 'uuid': case 'string': return typeName('string');
  }
}

const INT_RANK: Record<string, number> = { int16: 1, int32: 2, int64: 3 };

/** True when `next` holds every value of `prev` (integer widening, decimal growth): schema evolution may widen. */
export function isWidening(prev: LogicalType, next: LogicalType): boolean {
  if (INT_RANK[prev.kind] && INT_RANK[next.kind]) return INT_RANK[next.kind]! > INT_RANK[prev.kind]!;
  if (INT_RANK[prev.kind] && next.kind === 'decimal') return next.precision - next.scale >= [0, 5, 10, 19][INT_RANK[prev.kind]!]!;
  if (prev.kind === 'decimal' && next.kind === 'decimal') {
    return next.scale >= prev.scale && next.precision - next.scale >= prev.precision - prev.scale && (next.precision !== prev.precision || next.scale !== prev.scale);
  }
  if (prev.kind === 'float32' && next.kind === 'float64') return true;
  return false;
}

export const sameType = (a: LogicalType, b: LogicalType): boolean => JSON.stringify(a) === JSON.stringify(b);
