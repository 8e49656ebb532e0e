#!/usr/bin/env node
// Starts the TDS stand-in for a user: node test/stand-ins/tds/start.mjs --db FILE [--port 1433] [--password P]
import { parseArgs } from 'node:util';
import { startTdsServer } from './server.mjs';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: ':memory:' },
    port: { type: 'string', default: '1433' },
    password: { type: 'string', default: 'Passw0rd!' },
    database: { type: 'string', default: 'AdventureWorks2019' },
  },
});
const server = await startTdsServer({ dbPath: values.db, port: Number(values.port), password: values.password, database: values.database });
process.stdout.write(`TDS stand-in listening on ${server.host}:${server.port} (database ${values.database}, db file ${values.db})\n`);
const stop = async () => {
  setTimeout(() => process.exit(0), 2000).unref(); // a stream still open in DuckDB must not keep it alive
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
