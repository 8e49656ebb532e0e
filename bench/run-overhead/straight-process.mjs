#!/usr/bin/env node
// The straight run as its own process, for run-overhead.mjs: node start, import @duckdb/node-api, open the file, the
// statements in order, close. Usage: node straight-process.mjs <statements.json> <database file>
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const statements = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const db = await DuckDBInstance.create(process.argv[3]);
const conn = await db.connect();
await conn.run('create schema if not exists main');
for (const sql of statements) await conn.run(sql);
conn.closeSync();
db.closeSync();
