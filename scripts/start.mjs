#!/usr/bin/env node
// `npm start`: the whole sales pipeline on the embedded default, each step the same command a user would type.
// generate the source (once) → ingest → build (models + tests) → docs → print the six answers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// --project-dir and --scale let the end-to-end test run the same script on a copy at a small scale.
const { values: flags } = parseArgs({ options: { 'project-dir': { type: 'string' }, scale: { type: 'string', default: '1' } } });
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const project = flags['project-dir'] ? resolve(flags['project-dir']) : join(root, 'project');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const source = process.env.SALES_SOURCE_DB ? resolve(project, process.env.SALES_SOURCE_DB) : join(project, 'data', 'adventureworks.duckdb');
const warehouse = process.env.SALES_WAREHOUSE_DB ? resolve(project, process.env.SALES_WAREHOUSE_DB) : join(project, 'data', 'sales_warehouse.duckdb');

function step(title, command, args) {
  process.stdout.write(`\n== ${title}\n$ ${[command.replace(root + '/', ''), ...args].join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: project, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`\n${title} failed (exit ${result.status ?? result.signal}); stopping.\n`);
    process.exit(result.status || 1);
  }
  process.stdout.write(`-- ${title}: ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}

const started = Date.now();
if (existsSync(source)) process.stdout.write(`\n== Source data: ${source} exists, not regenerated\n`);
else step(`Generate the source data (scale ${flags.scale})`, bin('tsdbt-sample'), ['--out', source, '--scale', flags.scale]);
step('Ingest into the warehouse', bin('tsdbt'), ['ingest']);
step('Build models and run tests', bin('tsdbt'), ['build']);
step('Generate the docs', bin('tsdbt'), ['docs', 'generate']);
step('Answers', process.execPath, [join(root, 'scripts', 'answers.mjs'), '--db', warehouse]);
process.stdout.write(`\nPipeline finished in ${((Date.now() - started) / 1000).toFixed(1)}s. ` +
  `Browse the docs with: npx tsdbt docs serve --project-dir ${project.replace(root + '/', '')}\n`);
