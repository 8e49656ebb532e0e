import { formatDiagnostic } from '@tsdbt/core';
import type { RunEvent, TaskResult } from '@tsdbt/runner';
import { levelShown } from '../global-options.js';
import { useColor } from './colors.js';
import { cliVersion } from '../version.js';
import { foundSummary } from './found-summary.js';
import { batchParts, dotted, finishParts, nodeDescription } from './node-lines.js';
import { summaryLines } from './summary.js';

export interface PrinterOptions {
  format: 'text' | 'json';
  quiet?: boolean;
  /** --log-level: lines below it are not printed (default info). */
  level?: string;
  out?: NodeJS.WriteStream;
  invocationId?: string;
}

let clockSecond = -1;
let clockText = '';
/** `HH:MM:SS`, local time; formatted once a second (toTimeString per line cost more than the rest of the line). */
function clock(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== clockSecond) {
    clockSecond = second;
    clockText = new Date(now).toTimeString().slice(0, 8);
  }
  return clockText;
}

/** Prints runner events as dbt does (`HH:MM:SS  1 of 5 START …`), or one JSON object a line with --log-format json. */
export class RunPrinter {
  private readonly out: NodeJS.WriteStream;
  private readonly color: boolean;
  /** A live `[done/total]` line under the log on a terminal; redrawn after each printed line. */
  private readonly live: boolean;
  private readonly level: string;
  private progress = '';
  /** The run's invocation id, from its 'begin' event (dbt's `info.invocation_id` on every JSON line). */
  private invocationId: string | undefined;
  private done = 0;
  private running = 0;

  constructor(private readonly options: PrinterOptions) {
    this.out = options.out ?? process.stdout;
    this.color = options.format === 'text' && useColor(this.out);
    this.level = options.level ?? 'info';
    this.live = this.color && !options.quiet && levelShown('info', this.level);
    this.invocationId = options.invocationId;
  }

  private track(e: RunEvent): void {
    if (!this.live || (e.kind !== 'start' && e.kind !== 'finish')) return;
    if (e.kind === 'start') this.running++;
    else {
      this.done++;
      if (e.result.status !== 'skipped') this.running--;
    }
    this.progress = this.done >= e.total ? '' : `[${this.done}/${e.total} done, ${this.running} running]`;
  }

  private line(level: string, name: string, msg: string, data: Record<string, unknown> = {}): void {
    if ((this.options.quiet && level !== 'error') || !levelShown(level, this.level)) return;
    if (this.options.format === 'json') {
      this.out.write(`${JSON.stringify({ info: { name, level, msg, ts: new Date().toISOString(), invocation_id: this.invocationId ?? null }, data })}\n`);
    } else {
      const clear = this.live ? '\r\u001b[K' : '';
      this.out.write(`${clear}${clock()}  ${msg}\n${this.live ? this.progress : ''}`);
    }
  }

  info(msg: string): void {
    this.line('info', 'Note', msg);
  }

  /** dbt's NothingToDo line: a warning, or an error under --warn-error. */
  warn(msg: string, asError = false): void {
    this.line(asError ? 'error' : 'warn', 'NothingToDo', msg);
  }

  event = (e: RunEvent): void => {
    this.track(e);
    switch (e.kind) {
      case 'start':
        // --quiet prints errors only: do not format the 1,000 lines it would drop.
        if (this.options.quiet || !levelShown('info', this.level)) return;
        this.line('info', 'NodeStart', dotted(`${e.index} of ${e.total} START ${nodeDescription(e.node, e.relation)}`, '[RUN]'), { unique_id: e.node.unique_id });
        return;
      case 'finish': {
        const level = e.result.status === 'error' || e.result.status === 'fail' || e.result.status === 'partial success' ? 'error' : e.result.status === 'warn' ? 'warn' : 'info';
        if ((this.options.quiet && level !== 'error') || !levelShown(level, this.level)) return;
        const { left, right } = finishParts(e.node, e.relation, e.result, this.color);
        this.line(level, 'NodeFinished', dotted(`${e.index} of ${e.total} ${left}`, right), { unique_id: e.node.unique_id, status: e.result.status, execution_time: e.result.executionTime, failures: e.result.failures });
        return;
      }
      case 'batch': {
        const failed = e.result?.status === 'error';
        const level = failed ? 'error' : 'info';
        const { left, right } = batchParts(e, this.color);
        this.line(level, e.result ? 'LogBatchResult' : 'LogStartBatch', dotted(left, right), { unique_id: e.node.unique_id, batch_index: e.index, total_batches: e.total, status: e.result?.status ?? null });
        // The batch's error right under its line: the node's own result only counts the batches.
        if (failed) this.line('error', 'RunResultError', e.result!.message, { unique_id: e.node.unique_id });
        return;
      }
      case 'hook':
        if (e.seconds === undefined) this.line('info', 'HookStart', dotted(`${e.index} of ${e.total} START hook: ${e.phase}.${e.index - 1}`, '[RUN]'));
        else this.line('info', 'HookFinished', dotted(`${e.index} of ${e.total} OK hook: ${e.phase}.${e.index - 1}`, `[OK in ${e.seconds.toFixed(2)}s]`));
        return;
      case 'begin':
        this.invocationId = e.invocationId;
        // dbt's opening lines (counting 30,000 nodes is skipped when nothing would print them).
        if (this.options.quiet || !levelShown('info', this.level)) return;
        this.line('info', 'MainReportVersion', `Running with tsdbt=${cliVersion()}`);
        this.adapterRegistered(e.adapter);
        this.line('info', 'FoundStats', foundSummary(e.manifest));
        return;
      case 'concurrency':
        this.line('info', 'Formatting', '');
        this.line('info', 'ConcurrencyLine', `Concurrency: ${e.threads} threads (target='${e.target}')`);
        this.line('info', 'Formatting', '');
        return;
      case 'warning': {
        const d = e.diagnostic;
        if (this.options.format === 'json') this.line('warn', d.code, d.message, { code: d.code, file: d.file ?? null, line: d.line ?? null, hint: d.hint ?? null });
        else this.line('warn', d.code, formatDiagnostic(d, { projectDir: e.projectDir }));
        return;
      }
      case 'cancelled':
        this.line('warn', 'CancelLine', 'CANCEL query: Ctrl-C received, cancelling running statements…');
        return;
      default:
        this.line('info', 'Note', e.message);
    }
  };

  /**
   * dbt's `Registered adapter: duckdb=1.8.1` names the adapter plugin's version. tsdbt's adapters are not plugins
   * installed apart: they ship inside tsdbt and change with it, so tsdbt's own version is the one that says which
   * adapter code ran. The JSON event carries dbt's fields (adapter_version with its `=`, as dbt's specifier text).
   */
  private adapterRegistered(adapter: string): void {
    const version = `=${cliVersion()}`;
    this.line('info', 'AdapterRegistered', `Registered adapter: ${adapter}${version}`, { adapter_name: adapter, adapter_version: version });
  }

  summary(result: TaskResult): void {
    this.progress = '';
    for (const l of summaryLines(result, this.color)) this.line(l.level, l.name, l.text, l.data);
  }
}
