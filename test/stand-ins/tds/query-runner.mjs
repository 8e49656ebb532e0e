// Runs one session's requests against DuckDB and streams the answer as TDS tokens.
import { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBTimeValue } from '@duckdb/node-api';
import { ByteWriter } from './byte-writer.mjs';
import { declaredTypes, refreshCatalog } from './catalog.mjs';
import { PKT } from './packets.mjs';
import { parseRpc, parseSqlBatch } from './requests.mjs';
import { declaredParamNames, rewriteTsql } from './rewrite.mjs';
import { duckTypeFor, sqlTypeForDuck } from './sql-types.mjs';
import * as tok from './tokens.mjs';
import { chunkWriters } from './vector-writers.mjs';
import { datetimeTextCasts } from './datetime-text.mjs';
import { scaledIntCasts } from './scaled-int.mjs';
import { makeEncoder, writeTypeInfo } from './wire-types.mjs';
import { offsetLayout, withOffsetColumns } from './offsets.mjs';

const SP_EXECUTESQL = 10;

export class QueryRunner {
  constructor(conn, state, socket) {
    this.conn = conn;
    this.state = state;
    this.socket = socket;
    this.busy = false;
    this.cancelRequested = false;
    this.txCounter = 0;
  }

  /**
   * Closes the session's DuckDB connection; while a request is still running (a client that vanished mid-result) it
   * waits for that request to stop, since closing under a pending fetchChunk could crash the process.
   */
  close() {
    if (this.busy) {
      this.closeWhenIdle = true;
      return;
    }
    try { this.conn.closeSync(); } catch { /* already closed */ }
  }

  async handle(type, payload, writer) {
    this.busy = true;
    this.cancelRequested = false;
    const rpc = type === PKT.RPC;
    try {
      if (type === PKT.TM) return await this.#transaction(payload, writer);
      if (type === PKT.SQL_BATCH) return await this.#execute(parseSqlBatch(payload), [], [], writer, false);
      if (!rpc) throw Object.assign(new Error(`TDS message type 0x${type.toString(16)} is not emulated`), { number: 40000 });
      const { proc, params } = parseRpc(payload);
      if (proc !== SP_EXECUTESQL && String(proc).toLowerCase() !== 'sp_executesql') {
        throw Object.assign(new Error(`Could not find stored procedure '${proc}'.`), { number: 2812 });
      }
      const [statement, decl, ...rest] = params;
      await this.#execute(String(statement.value), declaredParamNames(decl?.value), rest, writer, true);
    } catch (error) {
      const number = error.number ?? 50000;
      writer.write(tok.errorToken({ number, severity: 16, message: error.message }));
      writer.write(rpc ? tok.done(tok.DONE.ERROR, 0, 0xfe) : tok.done(tok.DONE.ERROR));
    } finally {
      this.busy = false;
      if (this.closeWhenIdle) this.close();
    }
  }

  async #execute(text, paramNames, params, writer, rpc) {
    // Datetime2-as-text and scaled-int casts are answered from the TIMESTAMP or DECIMAL: the stand-in writes SQL
    // Server's text or int itself. `wireTypes`: those result columns' wire types.
    const asText = datetimeTextCasts(text);
    const asInt = scaledIntCasts(asText.text);
    const wireTypes = new Map([...asText.columns, ...asInt.columns]);
    const { kind, sql } = rewriteTsql(asInt.text, paramNames);
    if (kind === 'set') return finish(writer, rpc, 0, false);
    if (!/tds_catalog\./i.test(sql)) return this.#run(sql, params, writer, rpc, wireTypes);
    // Catalog queries rebuild the emulated views: one session at a time, or DuckDB reports write-write conflicts.
    const run = this.state.catalogLock.then(async () => {
      await refreshCatalog(this.conn);
      await this.#run(sql, params, writer, rpc, wireTypes);
    });
    this.state.catalogLock = run.catch(() => undefined);
    return run;
  }

  async #run(sql, params, writer, rpc, wireTypes) {
    // Declared types are read before streaming: another query on this connection would end the stream.
    const declared = await this.#declaredFor(sql);
    let result;
    try {
      result = await this.conn.stream(withOffsetColumns(sql, declared), params.map((p) => toDuckValue(p)));
    } catch (error) {
      throw Object.assign(new Error(duckMessage(error.message)), { number: duckErrorNumber(error.message) });
    }
    const count = result.columnCount;
    if (count === 0 || isDmlCount(result)) {
      const changed = count === 0 ? 0 : Number((await result.getRows())[0]?.[0] ?? 0);
      return finish(writer, rpc, changed, true);
    }
    // A declared datetime column's datetime2 text is SQL Server's conversion of its 1/300 s ticks (datetime-text.mjs).
    for (const t of wireTypes.values()) if (t.source !== undefined && declared.get(t.source.toLowerCase())?.name === 'datetime') t.fromDatetime = true;
    const all = resultTypes(result, new Map([...declared, ...castTypes(sql)]), wireTypes);
    const names = result.columnNames();
    // Hidden offset columns stay here: they only supply the offsets of their datetimeoffset columns.
    const layout = offsetLayout(names, all);
    const types = layout.at.map((i) => all[i]);
    writer.write(colMetadata(layout.at.map((i) => names[i]), types));
    const rows = await this.#streamRows(result, types, types.map(makeEncoder), writer, layout);
    if (rows === undefined) return;
    if (this.cancelRequested) {
      // tedious reads the attention acknowledgement as the next message, after the one it was cancelled in.
      writer.end();
      writer.write(tok.done(tok.DONE.ATTN));
      return;
    }
    finish(writer, rpc, rows, true);
  }

  /** Streams ROW tokens; returns the row count, or undefined when a fault dropped the connection. */
  async #streamRows(result, types, encoders, writer, layout) {
    const w = new ByteWriter(1 << 18);
    const faults = this.state.faults;
    let rows = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const writers = chunkWriters(types, encoders, chunk, layout);
      const count = chunk.rowCount;
      for (let r = 0; r < count; r++) {
        w.u8(0xd1);
        for (let i = 0; i < writers.length; i++) writers[i](w, r);
        rows++;
        if (faults.dropAfterRows !== undefined && rows >= faults.dropAfterRows && (faults.dropCount ?? 1) > 0) {
          writer.write(w.take());
          await writer.flushFull();
          faults.dropCount = (faults.dropCount ?? 1) - 1;
          this.state.stats.drops++;
          // A FIN, as when the server or a middlebox closes the connection (a RST trips a tedious 19 race).
          this.socket.end();
          return undefined;
        }
      }
      writer.write(w.take());
      await writer.flushFull();
      if (this.cancelRequested || this.socket.destroyed) break;
    }
    return rows;
  }

  /** Declared SQL Server types of the one table a plain SELECT reads (none for joins and catalog queries). */
  async #declaredFor(sql) {
    const from = /\bfrom\s+"?(\w+)"?\s*\.\s*"?(\w+)"?/i.exec(sql);
    if (!from || /\bjoin\b/i.test(sql) || /tds_catalog/i.test(sql)) return new Map();
    return declaredTypes(this.conn, from[1], from[2]);
  }

  async #transaction(payload, writer) {
    const requestType = payload.readUInt16LE(payload.readUInt32LE(0));
    const descriptor = Buffer.alloc(8);
    if (requestType === 5) {
      await this.conn.run('BEGIN TRANSACTION');
      descriptor.writeUInt32LE(++this.txCounter);
      this.descriptor = descriptor;
      writer.write(tok.envTransaction(8, descriptor));
    } else if (requestType === 7 || requestType === 8) {
      await this.conn.run(requestType === 7 ? 'COMMIT' : 'ROLLBACK');
      writer.write(tok.envTransaction(requestType === 7 ? 9 : 10, this.descriptor ?? descriptor));
    } else {
      throw Object.assign(new Error(`Transaction manager request ${requestType} is not emulated`), { number: 40000 });
    }
    writer.write(tok.done(tok.DONE.FINAL));
  }
}

/** `CAST(… AS varchar(48)) [END] AS "x"`: SQL Server reports varchar(48), not a MAX type, so neither does the stand-in. */
function castTypes(sql) {
  const out = new Map();
  for (const m of sql.matchAll(/AS\s+(n?varchar)\((\d+)\)\)\s+(?:END\s+)?AS\s+"([^"]+)"/gi)) {
    out.set(m[3].toLowerCase(), { name: m[1].toLowerCase(), length: Number(m[2]) });
  }
  return out;
}

/**
 * Declared SQL Server types win for columns read straight from their table (money stays money); a column whose cast
 * the stand-in answers itself (datetime-text.mjs, scaled-int.mjs) has the cast's type.
 */
function resultTypes(result, declared, wireTypes) {
  return result.columnNames().map((name, i) => {
    const duckType = result.columnType(i).toString();
    const wire = wireTypes.get(name.toLowerCase());
    if (wire) return wire;
    const decl = declared.get(name.toLowerCase());
    return decl && duckTypeFor(decl) === duckType ? decl : sqlTypeForDuck(duckType);
  });
}

function finish(writer, rpc, rows, counted) {
  const status = counted ? tok.DONE.COUNT : tok.DONE.FINAL;
  if (!rpc) return void writer.write(tok.done(status, rows));
  writer.write(tok.done(status | tok.DONE.MORE, rows, 0xff));
  writer.write(tok.returnStatus(0));
  writer.write(tok.done(tok.DONE.FINAL, 0, 0xfe));
}

function colMetadata(names, types) {
  const w = new ByteWriter(1024);
  w.u8(0x81);
  w.u16(names.length);
  names.forEach((name, i) => {
    w.u32(0);
    w.u16(0x0009); // nullable, updateable-unknown
    writeTypeInfo(w, types[i]);
    w.u8(name.length);
    w.utf16(name);
  });
  return w.take();
}

const isDmlCount = (result) => result.columnCount === 1 && result.columnName(0) === 'Count' && result.columnType(0).toString() === 'BIGINT';

function toDuckValue({ type, value }) {
  if (value === null) return null;
  if (type === 'decimal') return new DuckDBDecimalValue(value.value, 38, value.scale);
  if (type === 'datetime' || type === 'datetime2') return new DuckDBTimestampValue(value.micros);
  if (type === 'datetimeoffset') return new DuckDBTimestampTZValue(value.micros);
  if (type === 'date') return new DuckDBDateValue(Number(value.days));
  if (type === 'time') return new DuckDBTimeValue(value.micros);
  return value;
}

/** DuckDB's errors mapped to the SQL Server numbers a client would see. */
function duckErrorNumber(message) {
  if (/Table with name .* does not exist|Catalog Error: Table/i.test(message)) return 208;
  if (/Referenced column .* not found|column .* not found/i.test(message)) return 207;
  if (/Parser Error/i.test(message)) return 102;
  return 50000;
}

function duckMessage(message) {
  const table = /Table with name (\S+) does not exist/.exec(message);
  return table ? `Invalid object name '${table[1]}'.` : message;
}
