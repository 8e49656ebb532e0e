import sql from 'mssql';
import type { ConnectionPool, ISqlType } from 'mssql';
import type { Sink } from '../generate/world.js';
import { valueKind } from '../tables.js';
import type { Row, TableDef } from '../tables.js';
import { mssqlName } from './mssql-ddl.js';

/** The mssql driver type for an AdventureWorks SQL Server type. */
function driverType(type: string): ISqlType | (() => ISqlType) {
  const m = /^(\w+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(type);
  const [, base = type, a, b] = m ?? [];
  switch (base) {
    case 'int': return sql.Int;
    case 'smallint': return sql.SmallInt;
    case 'tinyint': return sql.TinyInt;
    case 'bit': return sql.Bit;
    case 'money': return sql.Money;
    case 'smallmoney': return sql.SmallMoney;
    case 'numeric': case 'decimal': return sql.Decimal(Number(a), Number(b));
    case 'datetime': return sql.DateTime;
    case 'nchar': return sql.NChar(Number(a));
    case 'varchar': return sql.VarChar(Number(a));
    default: return sql.NVarChar(Number(a) || 4000);
  }
}

/** Row values as the driver wants them: scaled integers to numbers, epoch seconds to Dates. */
function converter(type: string): (v: unknown) => unknown {
  const { kind, scale } = valueKind(type);
  if (kind === 'scaled') return (v) => (v as number) / 10 ** scale;
  if (kind === 'datetime') return (v) => new Date((v as number) * 1000);
  return (v) => v;
}

interface Buffer { def: TableDef; rows: Row[]; convert: ((v: unknown) => unknown)[] }

/** Fills SQL Server tables through the bulk-load protocol, a batch per table at each checkpoint. */
export class MssqlSink implements Sink {
  private readonly buffers = new Map<string, Buffer>();

  constructor(private readonly pool: ConnectionPool, tables: readonly TableDef[], private readonly batch = 20_000) {
    for (const def of tables) this.buffers.set(`${def.schema}.${def.name}`, { def, rows: [], convert: def.columns.map((c) => converter(c.type)) });
  }

  append(table: string, row: Row): void {
    const buffer = this.buffers.get(table);
    if (!buffer) throw new Error(`no table ${table}`);
    buffer.rows.push(row);
  }

  async checkpoint(): Promise<void> {
    for (const buffer of this.buffers.values()) if (buffer.rows.length >= this.batch) await this.flushTable(buffer);
  }

  async flush(): Promise<void> {
    for (const buffer of this.buffers.values()) if (buffer.rows.length > 0) await this.flushTable(buffer);
  }

  private async flushTable(buffer: Buffer): Promise<void> {
    const table = new sql.Table(mssqlName(buffer.def));
    table.create = false;
    for (const c of buffer.def.columns) table.columns.add(c.name, driverType(c.type), { nullable: c.nullable });
    for (const row of buffer.rows) table.rows.add(...row.map((v, i) => (v === null ? null : buffer.convert[i]!(v))) as never[]);
    buffer.rows = [];
    await this.pool.request().bulk(table);
  }
}
