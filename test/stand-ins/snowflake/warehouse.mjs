// The emulated account: one DuckDB instance, one attached catalog per Snowflake database, a stage directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export class Warehouse {
  /** @param {{ dir?: string, stageDir?: string }} options `dir` persists databases as DIR/<NAME>.duckdb. */
  static async create(options = {}) {
    const instance = await DuckDBInstance.create(':memory:');
    const w = new Warehouse(instance, options);
    w.admin = await instance.connect();
    // Snowflake sessions start in the TIMEZONE the login answer reports (UTC), whatever the host's zone: DuckDB's
    // TIMESTAMP ↔ TIMESTAMPTZ casts (e.g. an NTZ column against `to_timestamp_tz(…)`) use this setting.
    await w.admin.run("SET GLOBAL TimeZone = 'UTC'");
    return w;
  }

  constructor(instance, options) {
    this.instance = instance;
    this.dir = options.dir;
    this.stageDir = options.stageDir ?? (options.dir ? path.join(options.dir, 'stages') : fs.mkdtempSync(path.join(os.tmpdir(), 'sf-stage-')));
    // A stage folder it made itself in the system temp folder goes with it on close; a given one is the caller's.
    this.ownsStageDir = options.stageDir === undefined && !options.dir;
    /** @type {Set<string>} */
    this.databases = new Set();
    /** Files each table has loaded through COPY INTO (Snowflake's 64-day load metadata). */
    this.loadHistory = new Map();
    /** Named stages: `DB.SCHEMA.NAME` → options. */
    this.stages = new Map();
    this.fileFormats = new Map();
    this.pending = Promise.resolve();
  }

  /** Attach a database (created on first use, as a convenience for local runs) with its PUBLIC schema. */
  async ensureDatabase(name) {
    if (this.databases.has(name)) return;
    // Serialised so two sessions logging in together do not attach twice.
    this.pending = this.pending.then(async () => {
      if (this.databases.has(name)) return;
      const file = this.dir ? path.join(this.dir, `${name}.duckdb`).replace(/'/g, "''") : ':memory:';
      if (this.dir) fs.mkdirSync(this.dir, { recursive: true });
      await this.admin.run(`ATTACH '${file}' AS "${name.replace(/"/g, '""')}"`);
      await this.admin.run(`CREATE SCHEMA IF NOT EXISTS "${name.replace(/"/g, '""')}"."PUBLIC"`);
      this.databases.add(name);
    });
    await this.pending;
  }

  async dropDatabase(name) {
    if (!this.databases.has(name)) return;
    await this.admin.run(`DETACH "${name.replace(/"/g, '""')}"`);
    this.databases.delete(name);
  }

  async close() {
    this.admin.closeSync();
    this.instance.closeSync();
    if (this.ownsStageDir) fs.rmSync(this.stageDir, { recursive: true, force: true });
  }
}
