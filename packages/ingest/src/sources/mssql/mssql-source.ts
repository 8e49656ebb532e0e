import sql from 'mssql';
import type { ConnectionPool } from 'mssql';
import { TYPES } from 'tedious';
import { TsdbtError } from '@tsdbt/core';
import type { MssqlSourceConfig } from '../../config/types.js';
import type { SourceTable } from '../../schema/logical-type.js';
import type { ReadRequest, Source } from '../source.js';
import { carriesOffset, mssqlLogicalType, mssqlTypeText } from './mssql-types.js';
import { withOffsetCompanions } from '../../schema/offset-companion.js';
import { bracket, rowBuilder, selectPlan } from './select-plan.js';
import { streamQuery } from './stream-query.js';
import type { QueryParameter, TediousPool } from './stream-query.js';
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

/** Reads SQL Server: mssql pools the connections and runs the catalog queries; reads go through tedious directly. */
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
    const withOffset = new Set<string>();
    const columns = cols.map((r) => {
      const row = { dataType: String(r.DATA_TYPE), maxLength: num(r.CHARACTER_MAXIMUM_LENGTH), precision: num(r.NUMERIC_PRECISION), scale: num(r.NUMERIC_SCALE) };
      this.nativeTypes.set(`${schema}.${table}.${String(r.COLUMN_NAME)}`, mssqlTypeText({ ...row, domain: null }));
      if (carriesOffset(row)) withOffset.add(String(r.COLUMN_NAME));
      return { name: String(r.COLUMN_NAME), sourceType: mssqlTypeText({ ...row, domain: (r.DOMAIN_NAME as string | null) ?? null }),
        logical: mssqlLogicalType(row), nullable: r.IS_NULLABLE === 'YES' };
    });
    // A DATETIMEOFFSET lands as its instant; its offset comes along as a companion column (read with DATEPART).
    return { schema, name: table, columns: withOffsetCompanions(columns, (c) => withOffset.has(c.name)), primaryKey: pk.map((r) => String(r.COLUMN_NAME)) };
  }

  read(request: ReadRequest): AsyncIterable<unknown[][]> {
    const { table, columns, filter } = request;
    const plan = selectPlan(table, columns, new Set(request.typed ?? []));
    let text = `SELECT ${plan.select.join(', ')} FROM ${bracket(table.schema)}.${bracket(table.name)}`;
    const params: QueryParameter[] = [];
    if (filter) {
      params.push({ name: 'cursor', ...this.paramType(table, filter.column), value: withLag(filter.value, filter.lag) });
      text += ` WHERE ${bracket(filter.column)} >= @cursor`;
    }
    return withQuery(streamQuery(this.pool as unknown as TediousPool, text, params, rowBuilder(plan.picks), request.chunkSize), text);
  }

  /** The cursor parameter goes typed as its column, so a datetime cursor compares without rounding surprises. */
  private paramType(table: SourceTable, column: string): Pick<QueryParameter, 'type' | 'options'> {
    const native = this.nativeTypes.get(`${table.schema}.${table.name}.${column}`) ?? '';
    const dec = /^(?:decimal|numeric)\((\d+),(\d+)\)$/.exec(native);
    if (dec) return { type: TYPES.Decimal, options: { precision: Number(dec[1]), scale: Number(dec[2]) } };
    const scaled = { datetime2: TYPES.DateTime2, datetimeoffset: TYPES.DateTimeOffset, time: TYPES.Time }[native];
    if (scaled) return { type: scaled, options: { scale: 7 } };
    const map: Record<string, QueryParameter['type']> = {
      datetime: TYPES.DateTime, smalldatetime: TYPES.SmallDateTime, date: TYPES.Date, int: TYPES.Int, bigint: TYPES.BigInt,
      smallint: TYPES.SmallInt, tinyint: TYPES.TinyInt, money: TYPES.Money, smallmoney: TYPES.SmallMoney, float: TYPES.Float, real: TYPES.Real,
    };
    return map[native] ? { type: map[native]! } : { type: TYPES.NVarChar };
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

