import cliProgress from 'cli-progress';
import type { IngestEvent, IngestResult, IngestStatus, PlannedTableInfo, TableResult } from '@tsdbt/ingest';
import type { GlobalArgs } from '../global-options.js';

export interface IngestArgs extends GlobalArgs {
  config?: string;
  tables?: string[];
  fullRefresh?: boolean;
  dryRun?: boolean;
  status?: boolean;
}

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const projectDir = (argv: IngestArgs) => argv.projectDir ?? process.env.DBT_PROJECT_DIR ?? process.cwd();

/** A markdown-style table (numbers right-aligned), for the summary, the plan and --status. */
function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  const line = (c: string[]) => `| ${c.map((t, i) => (numeric[i] ? t.padStart(widths[i]!) : t.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join('\n');
}

/** Renders events: a cli-progress bar per table on a terminal, plain lines otherwise, JSON lines for machines. */
function makeRenderer(argv: IngestArgs): { onEvent: (e: IngestEvent) => void; stop: () => void } {
  if (argv.logFormat === 'json') return { onEvent: (e) => out(JSON.stringify({ event: e.type, ...e, type: undefined })), stop: () => undefined };
  if (argv.quiet) return { onEvent: () => undefined, stop: () => undefined };
  if (process.stdout.isTTY && !argv.dryRun) {
    const multi = new cliProgress.MultiBar({ format: ' {table} | {rows} rows | {rate} rows/s | {state}', hideCursor: true, clearOnComplete: false, noTTYOutput: false }, cliProgress.Presets.shades_classic);
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      onEvent(e) {
        if (e.type === 'table_start') bars.set(e.table, multi.create(0, 0, { table: e.table.padEnd(32), rows: 0, rate: 0, state: 'reading' }));
        const bar = 'table' in e ? bars.get(e.table) : undefined;
        if (e.type === 'table_progress') bar?.update(0, { rows: e.rows, rate: Math.round(e.rowsPerSecond) });
        if (e.type === 'table_retry') bar?.update(0, { state: `retry ${e.attempt}/${e.maxAttempts - 1}: ${e.message}` });
        if (e.type === 'table_done') bar?.update(0, { rows: e.result.rows, state: 'loaded' });
        if (e.type === 'table_failed') bar?.update(0, { state: `FAILED ${e.code}` });
      },
      stop: () => multi.stop(),
    };
  }
  const lastPrinted = new Map<string, number>();
  return {
    onEvent(e) {
      if (e.type === 'table_start') out(`${e.table}: loading into ${e.destination}`);
      if (e.type === 'table_progress' && Date.now() - (lastPrinted.get(e.table) ?? 0) >= 1000) {
        lastPrinted.set(e.table, Date.now());
        out(`${e.table}: ${e.rows} rows (${Math.round(e.rowsPerSecond)} rows/s)`);
      }
      if (e.type === 'table_retry') out(`${e.table}: transient error, retry ${e.attempt} of ${e.maxAttempts - 1} in ${e.delayMs} ms: ${e.message}`);
      if (e.type === 'table_done') out(`${e.table}: loaded ${e.result.rows} rows in ${e.result.seconds.toFixed(2)} s`);
      if (e.type === 'table_failed') out(`${e.table}: FAILED ${e.code}`);
    },
    stop: () => undefined,
  };
}

function printPlan(plan: PlannedTableInfo[]): void {
  out('Plan (dry run, nothing written):');
  for (const t of plan) {
    const extra = [t.primaryKey.length ? `primary_key ${t.primaryKey.join(', ')}` : '', t.startsAt ? `incremental: ${t.startsAt}` : t.cursor ? `cursor ${t.cursor}` : '', `contract ${t.schemaContract}`].filter(Boolean);
    out(`\n${t.source} → ${t.destination} (${t.writeDisposition}; ${extra.join('; ')})`);
    out(table(['source column', 'source type', 'destination column', 'destination type'], t.columns.map((c) => [c.source, c.sourceType, c.destination, c.destinationType])));
  }
}

function printSummary(tables: TableResult[]): void {
  const rate = (t: TableResult) => (t.seconds > 0 ? Math.round(t.rows / t.seconds) : 0);
  out();
  out(table(['table', 'destination', 'disposition', 'rows', 'seconds', 'rows/s', 'status'],
    tables.map((t) => [t.source, t.destination, t.writeDisposition, t.rows, Number(t.seconds.toFixed(2)), rate(t), t.status])));
  for (const t of tables) for (const c of t.schemaChanges) out(`${t.source}: schema ${c}`);
  for (const t of tables) if (t.error) process.stderr.write(`error ${t.error.code}: ${t.error.message}\n${t.error.hint ? `  hint: ${t.error.hint}\n` : ''}`);
}

function printStatus(s: IngestStatus, json: boolean): void {
  if (json) {
    out(JSON.stringify(s));
    return;
  }
  out(`Last loads into ${s.destination}:`);
  out(s.loads.length ? table(['load id', 'table', 'source', 'disposition', 'rows', 'started', 'finished', 'status'],
    s.loads.map((l) => [l.loadId, l.table, l.sourceTable, l.writeDisposition, l.rows, l.startedAt, l.finishedAt, l.error ? `${l.status}: ${l.error}` : l.status])) : '(no loads yet)');
  out('\nCursor state:');
  out(s.cursors.length ? table(['table', 'source', 'cursor', 'last value', 'boundary rows', 'load id'],
    s.cursors.map((c) => [c.table, c.sourceTable, c.cursor, c.lastValue, c.boundaryRows, c.loadId])) : '(no incremental tables)');
}

/** `tsdbt ingest`: runs the load (or --dry-run / --status) and prints a summary table. */
export async function ingestHandler(argv: IngestArgs): Promise<void> {
  const ingest = await import('@tsdbt/ingest');
  const common = { projectDir: projectDir(argv), configPath: argv.config, profilesDir: argv.profilesDir, target: argv.target };
  if (argv.status) {
    printStatus(await ingest.ingestStatus(common), argv.logFormat === 'json');
    return;
  }
  const renderer = makeRenderer(argv);
  // Ctrl-C: restore the terminal; every table is one transaction, so an interrupted one simply never commits.
  const interrupt = () => {
    renderer.stop();
    process.stderr.write('Interrupted: tables not yet committed were left as they were.\n');
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  let result: IngestResult;
  try {
    const tables = argv.tables?.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
    result = await ingest.runIngest({ ...common, tables, fullRefresh: argv.fullRefresh, dryRun: argv.dryRun, onEvent: renderer.onEvent });
  } finally {
    process.removeListener('SIGINT', interrupt);
    renderer.stop();
  }
  if (argv.logFormat === 'json') out(JSON.stringify({ event: 'summary', loadId: result.loadId, dryRun: result.dryRun, tables: result.tables }));
  else if (result.dryRun) printPlan(result.plan);
  else if (!argv.quiet) printSummary(result.tables);
  else for (const t of result.tables) if (t.error) process.stderr.write(`error ${t.error.code}: ${t.error.message}\n`);
  argv.exitCode = result.tables.some((t) => t.status === 'failed') ? 1 : 0;
  if (argv.exitCode) process.exitCode = argv.exitCode;
}
