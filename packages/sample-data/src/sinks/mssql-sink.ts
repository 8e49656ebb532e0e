import sql from 'mssql';
import type { ConnectionPool, Transaction } from 'mssql';
import type { Sink } from '../generate/world.js';
import { valueKind } from '../tables.js';
import type { Cell, Row, TableDef } from '../tables.js';
import { bracket, mssqlName } from './mssql-ddl.js';

/** SQL Server's limit on the rows of one `INSERT … VALUES` list. */
export const MAX_ROWS_PER_INSERT = 1000;

type Render = (v: Cell) => string;

/** Integer units (money in 1/10,000, …) as an exact decimal literal: no floating point on the way. */
function scaledLiteral(v: number, scale: number): string {
  if (!Number.isSafeInteger(v)) throw new Error(`not an exact scaled value: ${v}`);
  const digits = BigInt(Math.abs(v)).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return v < 0 ? `-${text}` : text;
}

/** Epoch seconds as an ISO 8601 `datetime` literal, which SQL Server reads the same under every DATEFORMAT/language. */
function datetimeLiteral(v: number): string {
  const iso = new Date(v * 1000).toISOString(); // 2011-05-31T00:00:00.000Z
  return `'${iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23)}'`;
}

const quoted = (v: Cell, prefix: string): string => `${prefix}'${String(v).replace(/'/g, "''")}'`;

/** How a generated value of this SQL Server type is written as a T-SQL literal. */
export function literalFor(type: string): Render {
  const { kind, scale } = valueKind(type);
  const render: Render = (() => {
    switch (kind) {
      case 'int': return (v: Cell) => {
        if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${String(v)}`);
        return String(v);
      };
      case 'bit': return (v: Cell) => (v ? '1' : '0');
      case 'scaled': return (v: Cell) => scaledLiteral(v as number, scale);
      case 'datetime': return (v: Cell) => datetimeLiteral(v as number);
      default: return /^n(?:var)?char/.test(type) ? (v: Cell) => quoted(v, 'N') : (v: Cell) => quoted(v, '');
    }
  })();
  return (v) => (v === null || v === undefined ? 'NULL' : render(v));
}

/** One multi-row INSERT for up to 1,000 rows. */
export function insertStatement(def: TableDef, rows: readonly Row[], renders: readonly Render[] = def.columns.map((c) => literalFor(c.type))): string {
  if (rows.length > MAX_ROWS_PER_INSERT) throw new Error(`at most ${MAX_ROWS_PER_INSERT} rows per INSERT, got ${rows.length}`);
  const values = rows.map((row) => `(${renders.map((r, i) => r(row[i] ?? null)).join(', ')})`);
  return `INSERT INTO ${mssqlName(def)} (${def.columns.map((c) => bracket(c.name)).join(', ')}) VALUES\n${values.join(',\n')}`;
}

interface Target { def: TableDef; rows: Row[]; renders: Render[]; tx?: Transaction }

/**
 * Fills SQL Server tables with plain multi-row `INSERT … VALUES` batches (what every SQL Server and the TDS test
 * stand-in accept; no bulk-load protocol), each table in its own transaction on its own connection, so a failure
 * anywhere leaves no table half filled. `begin()` opens the transactions (and, with `replaceRows`, deletes what the
 * tables held), `commit()` ends them, `rollback()` undoes them.
 */
export class MssqlSink implements Sink {
  private readonly targets = new Map<string, Target>();

  constructor(private readonly pool: ConnectionPool, tables: readonly TableDef[], private readonly options: { replaceRows?: boolean } = {}) {
    for (const def of tables) this.targets.set(`${def.schema}.${def.name}`, { def, rows: [], renders: def.columns.map((c) => literalFor(c.type)) });
  }

  async begin(): Promise<void> {
    for (const target of this.targets.values()) {
      const tx = new sql.Transaction(this.pool);
      await tx.begin();
      target.tx = tx;
      if (this.options.replaceRows) await new sql.Request(tx).batch(`DELETE FROM ${mssqlName(target.def)}`);
    }
  }

  append(table: string, row: Row): void {
    const target = this.targets.get(table);
    if (!target) throw new Error(`no table ${table}`);
    target.rows.push(row);
  }

  /** Sends every full 1,000-row statement; the rest waits for more rows or `flush()`. */
  async checkpoint(): Promise<void> {
    for (const target of this.targets.values()) if (target.rows.length >= MAX_ROWS_PER_INSERT) await this.send(target, false);
  }

  async flush(): Promise<void> {
    for (const target of this.targets.values()) if (target.rows.length > 0) await this.send(target, true);
  }

  async commit(): Promise<void> {
    await this.flush();
    for (const target of this.targets.values()) {
      await target.tx?.commit();
      target.tx = undefined;
    }
  }

  /** Rolls back every open transaction; never throws (it runs after a failure, whose error is the one to report). */
  async rollback(): Promise<void> {
    for (const target of this.targets.values()) {
      const tx = target.tx;
      target.tx = undefined;
      target.rows = [];
      if (tx) await tx.rollback().catch(() => undefined);
    }
  }

  private async send(target: Target, all: boolean): Promise<void> {
    if (!target.tx) throw new Error('MssqlSink.begin() was not called');
    while (target.rows.length >= (all ? 1 : MAX_ROWS_PER_INSERT)) {
      const rows = target.rows.splice(0, MAX_ROWS_PER_INSERT);
      try {
        await new sql.Request(target.tx).batch(insertStatement(target.def, rows, target.renders));
      } catch (cause) {
        throw new Error(`inserting into ${target.def.schema}.${target.def.name}: ${(cause as Error).message}`, { cause });
      }
    }
  }
}
