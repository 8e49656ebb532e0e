import sql from 'mssql';
import type { ConnectionPool, ISqlType, Request } from 'mssql';
import { TsdbtError } from '@tsdbt/core';
import type { MssqlSourceConfig } from '../../config/types.js';
import type { SourceTable } from '../../schema/logical-type.js';
import type { ReadRequest, Source } from '../source.js';
import { mssqlLogicalType, mssqlTypeText } from './mssql-types.js';
import { streamQuery } from './stream-query.js';
import { isTransientMssqlError } from './transient.js';

const COLUMNS_SQL = `SELECT c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE,
  c.IS_NULLABLE, c.DOMAIN_NAME
FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_SCHEMA = @schema AND c.TABLE_NAME = @table ORDER BY c.ORDINAL_POSITION`;

const PRIMARY_KEY_SQL = `SELECT kcu.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu ON kcu.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
  AND kcu.TABLE_SCHEMA = tc.TABLE_SCHEMA AND kcu.TABLE_NAME = tc.TABLE_NAME
WHERE tc.CONSTRAINT_TYPE = 'PRIMARY KEY' AND tc.TABLE_SCHEMA = @schema AND tc.TABLE_NAME = @table
ORDER BY kcu.ORDINAL_POSITION`;

const TABLES_SQL = `SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES
WHERE TABLE_SCHEMA = @schema AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`;

export const bracket = (id: string): string => `[${id.replace(/]/g, ']]')}]`;

/** Reads SQL Server through mssql (tedious). One pool; each read is its own request. */
export class MssqlSource implements Source {
  readonly kind = 'mssql';
  private readonly nativeTypes = new Map<string, string>();

  private constructor(private readonly pool: ConnectionPool) {}

  static async connect(config: MssqlSourceConfig, poolSize: number): Promise<MssqlSource> {
    const pool = new sql.ConnectionPool({
      server: config.server, port: config.port, database: config.database, user: config.user, password: config.password,
      connectionTimeout: config.connectionTimeoutMs, requestTimeout: config.requestTimeoutMs,
      pool: { max: poolSize, min: 0 },
      options: { encrypt: config.encrypt, trustServerCertificate: config.trustServerCertificate, packetSize: config.packetSize, useUTC: true },
    });
    pool.on('error', () => undefined);
    try {
      await pool.connect();
    } catch (cause) {
      const login = (cause as { code?: string }).code === 'ELOGIN';
      throw new TsdbtError(login ? 'TSDBT_SOURCE_LOGIN_FAILED' : 'TSDBT_SOURCE_CONNECT_FAILED',
        `SQL Server ${config.server}:${config.port}: ${(cause as Error).message}`, {
          cause,
          hint: login ? 'Check the user and the password (env_var) in the ingest config.' : 'Check server, port and that SQL Server accepts TCP connections.',
        });
    }
    return new MssqlSource(pool);
  }

  async listTables(schema: string): Promise<string[]> {
    const result = await this.pool.request().input('schema', sql.NVarChar(128), schema).query(TABLES_SQL);
    return result.recordset.map((r: Record<string, unknown>) => String(r.TABLE_NAME));
  }

  async reflect(schema: string, table: string): Promise<SourceTable | undefined> {
    const req = () => this.pool.request().input('schema', sql.NVarChar(128), schema).input('table', sql.NVarChar(128), table);
    const cols = (await req().query(COLUMNS_SQL)).recordset as Record<string, unknown>[];
    if (cols.length === 0) return undefined;
    const pk = (await req().query(PRIMARY_KEY_SQL)).recordset as Record<string, unknown>[];
    const columns = cols.map((r) => {
      const row = { dataType: String(r.DATA_TYPE), maxLength: num(r.CHARACTER_MAXIMUM_LENGTH), precision: num(r.NUMERIC_PRECISION), scale: num(r.NUMERIC_SCALE) };
      this.nativeTypes.set(`${schema}.${table}.${String(r.COLUMN_NAME)}`, mssqlTypeText({ ...row, domain: null }));
      return { name: String(r.COLUMN_NAME), sourceType: mssqlTypeText({ ...row, domain: (r.DOMAIN_NAME as string | null) ?? null }),
        logical: mssqlLogicalType(row), nullable: r.IS_NULLABLE === 'YES' };
    });
    return { schema, name: table, columns, primaryKey: pk.map((r) => String(r.COLUMN_NAME)) };
  }

  read(request: ReadRequest): AsyncIterable<unknown[][]> {
    const { table, columns, filter } = request;
    const r = this.pool.request();
    const typed = new Set(request.typed ?? []);
    let text = `SELECT ${columns.map((c) => selectExpression(table, c, typed.has(c))).join(', ')} FROM ${bracket(table.schema)}.${bracket(table.name)}`;
    if (filter) {
      r.input('cursor', this.paramType(table, filter.column), withLag(filter.value, filter.lag));
      text += ` WHERE ${bracket(filter.column)} >= @cursor`;
    }
    return withQuery(streamQuery(r, text, request.chunkSize), text);
  }

  /** The cursor parameter goes typed as its column, so a datetime cursor compares without rounding surprises. */
  private paramType(table: SourceTable, column: string): ISqlType | (() => ISqlType) {
    const native = this.nativeTypes.get(`${table.schema}.${table.name}.${column}`) ?? '';
    const dec = /^(?:decimal|numeric)\((\d+),(\d+)\)$/.exec(native);
    if (dec) return sql.Decimal(Number(dec[1]), Number(dec[2]));
    const map: Record<string, ISqlType | (() => ISqlType)> = {
      datetime: sql.DateTime, smalldatetime: sql.SmallDateTime, datetime2: sql.DateTime2(7), date: sql.Date,
      datetimeoffset: sql.DateTimeOffset(7), int: sql.Int, bigint: sql.BigInt, smallint: sql.SmallInt, tinyint: sql.TinyInt,
      money: sql.Money, smallmoney: sql.SmallMoney, float: sql.Float, real: sql.Real, time: sql.Time(7),
    };
    return map[native] ?? sql.NVarChar(sql.MAX);
  }

  isTransient(error: unknown): boolean {
    return isTransientMssqlError(error);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** Lag moves the lower bound back: seconds for Date cursors, units for numeric ones. */
function withLag(value: unknown, lag: number): unknown {
  if (!lag) return value;
  if (value instanceof Date) return new Date(value.getTime() - lag * 1000);
  if (typeof value === 'number') return value - lag;
  if (typeof value === 'bigint') return value - BigInt(Math.ceil(lag));
  return value;
}

/**
 * tedious decodes DECIMAL and MONEY into doubles, exact only to 15 digits: wider ones (money, decimal(19+)) are
 * read as their exact text instead, which the destination casts back to the same DECIMAL. NVARCHAR, not VARCHAR:
 * tedious decodes UTF-16 natively, while single-byte text goes through iconv per value.
 * Timestamps (datetime, datetime2, smalldatetime) other than the cursor and its keys come as `yyyy-mm-dd
 * hh:mi:ss.fffffff` text too: no Date per value, and no truncation of datetime2 to milliseconds.
 */
function selectExpression(table: SourceTable, name: string, typed: boolean): string {
  const t = table.columns.find((c) => c.name === name)?.logical;
  if (t?.kind === 'timestamp' && !typed) return `CAST(CAST(${bracket(name)} AS datetime2(7)) AS nvarchar(27)) AS ${bracket(name)}`;
  if (t?.kind === 'decimal' && t.precision > 15) return `CAST(CAST(${bracket(name)} AS decimal(${t.precision},${t.scale})) AS nvarchar(48)) AS ${bracket(name)}`;
  return bracket(name);
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Attaches the query text to driver errors so a failure names what was running. */
async function* withQuery(rows: AsyncGenerator<unknown[][]>, text: string): AsyncGenerator<unknown[][]> {
  try {
    yield* rows;
  } catch (error) {
    if (error && typeof error === 'object') Object.assign(error, { query: text });
    throw error;
  }
}

