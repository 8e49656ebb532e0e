// One Snowflake session: a DuckDB connection, the current database/schema, session parameters, transaction state.
import { toTokList, renderToks, isWord } from './token-list.mjs';
import { TemporaryObjects } from './temporary.mjs';
import { translate } from './translate.mjs';
import { SfError, fromDuckDbError } from './sf-error.mjs';
import { q, emptyReader, encodeReader, dmlResult, statusResult } from './results.mjs';
import { runCommand } from './commands.mjs';
import { runStageCommand } from './stage.mjs';
import { splitCreateTableAs } from './create-table.mjs';

const TYPE_IDS = { SELECT: 0x1000, WITH: 0x1000, VALUES: 0x1000, INSERT: 0x3100, UPDATE: 0x3200, DELETE: 0x3300, MERGE: 0x3400 };
const DDL_WORDS = ['CREATE', 'DROP', 'ALTER', 'GRANT', 'REVOKE', 'COMMENT', 'UNDROP'];

export class Session {
  constructor(warehouse, { id, user, database, schema, role, warehouseName }) {
    this.warehouse = warehouse;
    this.id = id;
    this.user = user;
    this.database = database;
    this.schema = schema ?? 'PUBLIC';
    this.role = role ?? 'PUBLIC';
    this.warehouseName = warehouseName ?? null;
    this.params = new Map();
    this.inTransaction = false;
    /** Temporary tables and views: in this session's own DuckDB temp catalog, seen by no other session. */
    this.temporary = new TemporaryObjects(this);
    /** Work to do when the open transaction commits (COPY load metadata). */
    this.onCommit = [];
    this.queue = Promise.resolve();
    this.conn = undefined;
  }

  async open() {
    this.conn = await this.warehouse.instance.connect();
    if (this.database) {
      await this.warehouse.ensureDatabase(this.database);
      await this.conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(this.database)}.${q(this.schema)}`);
      await this.conn.run(`USE ${q(this.database)}.${q(this.schema)}`);
    }
  }

  context() {
    return { CURRENT_DATABASE: this.database ?? null, CURRENT_SCHEMA: this.schema ?? null, CURRENT_ROLE: this.role, CURRENT_WAREHOUSE: this.warehouseName,
      CURRENT_USER: this.user, CURRENT_VERSION: '8.40.0', CURRENT_SESSION: String(this.id), CURRENT_ACCOUNT: 'STANDIN', CURRENT_REGION: 'LOCAL' };
  }

  /** Statements of one session run one at a time, in arrival order. */
  execute(sql, bindings) {
    const run = this.queue.then(() => this.executeNow(sql, bindings));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async executeNow(sql, bindings) {
    const toks = toTokList(sql);
    if (toks.length === 0) throw new SfError('000900', 'Empty SQL statement.', '42000');
    const first = toks[0].text.toUpperCase();
    if (this.inTransaction && DDL_WORDS.includes(first) && !isWord(toks[1], 'SESSION')) {
      // Snowflake commits the open transaction before any DDL.
      await this.runDuck('COMMIT');
      this.inTransaction = false;
      for (const h of this.onCommit.splice(0)) h();
    }
    const special = (await runStageCommand(this, toks, sql)) ?? (await runCommand(this, toks));
    if (special) return special;
    const temp = this.temporary.prepare(toks);
    const statement = temp.toks === toks ? sql : renderToks(temp.toks);
    const ctas = splitCreateTableAs(temp.toks);
    const result = ctas ? await this.createTableAs(ctas, bindings) : await this.runTranslated(statement, bindings, TYPE_IDS[first] ?? (DDL_WORDS.includes(first) ? 0x6000 : 0x1000));
    temp.commit();
    return result;
  }

  /** Fully qualify a 1-3 part name against the session's database and schema. */
  qualify(parts) {
    const full = [...[this.database, this.schema].slice(0, 3 - parts.length), ...parts].slice(-3);
    return full.map(q).join('.');
  }

  /**
   * `create table t (<columns>) as <query>`: create, then insert, in one DuckDB transaction, so that a row breaking
   * NOT NULL leaves no table behind and a replaced table as it was (Snowflake's CTAS is one statement).
   */
  async createTableAs({ create, insert }, bindings) {
    await this.runDuck('BEGIN TRANSACTION');
    try {
      await this.runTranslated(create, undefined, 0x6000);
      await this.runTranslated(insert, bindings, 0x3100);
      await this.runDuck('COMMIT');
    } catch (err) {
      await this.runDuck('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return statusResult('Statement executed successfully.');
  }

  async runTranslated(sql, bindings, statementTypeId) {
    let duckSql = translate(sql, { context: this.context() });
    duckSql = duckSql.replace(/^CREATE\s+(OR\s+REPLACE\s+)?(LOCAL\s+|GLOBAL\s+)(TEMPORARY|TEMP)\s+/i, 'CREATE $1$3 ');
    const rows = bindingRows(bindings);
    if (rows.length > 1) {
      let total = 0;
      for (const values of rows) total += (await this.runDuck(duckSql, values)).rowsChanged;
      return dmlResult(statementTypeId, total);
    }
    const reader = await this.runDuck(duckSql, rows[0]);
    if (statementTypeId >= 0x3000 && statementTypeId < 0x4000) return dmlResult(statementTypeId, reader.rowsChanged);
    if (statementTypeId >= 0x6000) return statusResult('Statement executed successfully.');
    return encodeReader(reader, statementTypeId);
  }

  async runDuck(sql, values) {
    try {
      return values && values.length ? await this.conn.runAndReadAll(sql, values) : await this.conn.runAndReadAll(sql);
    } catch (err) {
      if (/^\s*(COMMIT|ROLLBACK)/i.test(sql) && /no transaction is active/i.test(String(err?.message))) return emptyReader();
      if (this.inTransaction && /TransactionContext Error|Current transaction is aborted/i.test(String(err?.message))) this.inTransaction = false;
      throw fromDuckDbError(err);
    }
  }

  async close() {
    // Closing the DuckDB connection drops its temp catalog: the session's temporary tables and views.
    if (this.inTransaction) await this.conn.run('ROLLBACK').catch(() => undefined);
    this.conn.closeSync();
  }
}

function bindingRows(bindings) {
  if (!bindings) return [undefined];
  const keys = Object.keys(bindings).sort((a, b) => Number(a) - Number(b));
  if (keys.length === 0) return [undefined];
  const isArray = keys.some((k) => Array.isArray(bindings[k].value));
  const count = isArray ? bindings[keys[0]].value.length : 1;
  const out = [];
  for (let r = 0; r < count; r++) out.push(keys.map((k) => bindValue(bindings[k].type, isArray ? bindings[k].value[r] : bindings[k].value)));
  return out;
}

function bindValue(type, value) {
  if (value === null || value === undefined) return null;
  switch (String(type).toUpperCase()) {
    case 'FIXED': return /^-?\d+$/.test(value) ? BigInt(value) : Number(value);
    case 'REAL': return Number(value);
    case 'BOOLEAN': return value === true || /^(true|1)$/i.test(String(value));
    default: return String(value);
  }
}
