#!/usr/bin/env node
// Start the Snowflake stand-in for local use: node test/stand-ins/snowflake/start.mjs --port 8089 [--dir DIR]
import { parseArgs } from 'node:util';
import { startStandIn } from './server.mjs';

let values;
try {
  ({ values } = parseArgs({ options: { port: { type: 'string', default: '8089' }, dir: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } } }));
} catch (err) {
  console.error(`${err.message}\nUsage: node test/stand-ins/snowflake/start.mjs [--port 8089] [--dir DIR] [--user NAME --password PW]`);
  process.exit(2);
}
const standIn = await startStandIn({ port: Number(values.port), dir: values.dir, users: values.user ? { [values.user.toUpperCase()]: values.password ?? '' } : undefined })
  .catch((err) => {
    console.error(`Could not start the Snowflake stand-in: ${err.code === 'EADDRINUSE' ? `port ${values.port} is in use` : err.message}`);
    process.exit(1);
  });
console.log(`Snowflake stand-in listening on ${standIn.url}${values.dir ? ` (databases in ${values.dir})` : ' (in memory)'}`);
const stop = async () => { await standIn.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
