/** The generic (non-database) globals of dbt's Jinja context: return, namespace, range, zip, tojson, modules, … */
import { createHash } from 'node:crypto';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import { yamlLib } from '../util/yaml-lib.js';
import { datetimeModule } from './modules-datetime.js';
import { reModule } from './modules-re.js';
import { pyJson } from './py-json.js';
import { Namespace, pyStr, PyTuple, toJs, truthy } from './py-values.js';
import { MacroReturn } from './render-errors.js';
import { currentState } from './render-state.js';
import { Suspend } from './resumable.js';
import { runtime as R } from './runtime.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'print';
export interface LogEvent {
  level: LogLevel;
  message: string;
  /** The file being rendered when the message was logged. */
  file?: string;
}
export type Logger = (event: LogEvent) => void;

type Kw = Record<string, unknown>;

/** Splits the trailing `__keywords` object off a call's arguments. */
export function splitKw(args: unknown[]): [unknown[], Kw] {
  const last = args[args.length - 1] as Kw | undefined;
  if (last && typeof last === 'object' && last.__keywords) {
    const { __keywords: _k, ...kw } = last;
    return [args.slice(0, -1), kw];
  }
  return [args, {}];
}

function range(...all: unknown[]): number[] {
  const [args] = splitKw(all);
  const [start, stop, step] = args.length === 1 ? [0, Number(args[0]), 1] : [Number(args[0]), Number(args[1]), Number(args[2] ?? 1)];
  if (step === 0) throw new Error('range() arg 3 must not be zero');
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  if (out.length > 100_000) throw new Error('range too big (more than 100000 items)');
  return out;
}

function zip(...all: unknown[]): PyTuple[] {
  const [args] = splitKw(all);
  const lists = args.map((a) => R.iter(a));
  const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
  return Array.from({ length: n }, (_v, i) => PyTuple.of(...lists.map((l) => l[i])));
}

function dedupe(v: unknown): unknown[] {
  const out: unknown[] = [];
  for (const x of R.iter(v)) if (!out.some((y) => R.compare('==', x, y))) out.push(x);
  return out;
}

/** dbt's diff_of_two_dicts: a's {key: [values]} minus b's, keys and values compared case-insensitively. */
function diffOfTwoDicts(a: unknown, b: unknown): Record<string, unknown[]> {
  const lower = (v: unknown) => String(v).toLowerCase();
  const bKeys = new Map(Object.entries((b ?? {}) as Record<string, unknown[]>).map(([k, v]) => [lower(k), (v ?? []).map(lower)]));
  const out: Record<string, unknown[]> = {};
  for (const [k, values] of Object.entries((a ?? {}) as Record<string, unknown[]>)) {
    const other = bKeys.get(lower(k)) ?? [];
    const left = (values ?? []).filter((v) => !other.includes(lower(v)));
    if (left.length) out[k] = left;
  }
  return out;
}

function compilerError(message: unknown): never {
  throw new TsdbtError('TSDBT_COMPILER_ERROR', pyStr(message), { hint: 'Raised by exceptions.raise_compiler_error in a template or macro.' });
}

const buffers: LogEvent[][] = [];

/**
 * Runs a render holding back its log events: a render that suspends (to await the warehouse) is replayed, and
 * its messages must reach the logger once, when the replay that completes (or fails) delivers them.
 */
export function bufferLogs<T>(logger: Logger, run: () => T): T {
  const buffer: LogEvent[] = [];
  buffers.push(buffer);
  let keep = true;
  try {
    return run();
  } catch (e) {
    keep = !(e instanceof Suspend);
    throw e;
  } finally {
    buffers.pop();
    if (keep) {
      const outer = buffers[buffers.length - 1];
      if (outer) outer.push(...buffer);
      else for (const event of buffer) logger(event);
    }
  }
}

function log(logger: Logger, level: LogLevel, message: unknown): string {
  const event = { level, message: pyStr(message), file: currentState()?.file };
  const buffer = buffers[buffers.length - 1];
  if (buffer) buffer.push(event);
  else logger(event);
  return '';
}

/** Globals for one engine; `logger` receives log(), print() and exceptions.warn(). */
export function makeGlobals(logger: Logger): Record<string, unknown> {
  return {
    return: (value: unknown) => {
      throw new MacroReturn(value);
    },
    namespace: (...all: unknown[]) => {
      const [args, kw] = splitKw(all);
      return new Namespace({ ...(args[0] as Kw | undefined), ...kw });
    },
    range,
    zip,
    zip_strict: zip,
    set: (v: unknown) => dedupe(v),
    set_strict: (v: unknown) => dedupe(v),
    dict: (...all: unknown[]) => {
      const [args, kw] = splitKw(all);
      const base = args[0];
      const from = Array.isArray(base) ? Object.fromEntries(base as [string, unknown][]) : (base as Kw | undefined);
      return { ...from, ...kw };
    },
    list: (v: unknown) => (v === undefined ? [] : [...R.iter(v)]),
    tojson: (...all: unknown[]) => {
      const [args, kw] = splitKw(all);
      return pyJson(args[0], { sortKeys: truthy(kw.sort_keys ?? args[1] ?? false) });
    },
    fromjson: (s: unknown, dflt?: unknown) => {
      try {
        return JSON.parse(String(s));
      } catch (e) {
        if (dflt !== undefined) return dflt;
        throw e;
      }
    },
    toyaml: (v: unknown) => yamlLib().stringify(toJs(v)),
    fromyaml: (s: unknown) => yamlLib().parse(String(s)) ?? null,
    diff_of_two_dicts: diffOfTwoDicts,
    local_md5: (s: unknown) => createHash('md5').update(pyStr(s)).digest('hex'),
    modules: { datetime: datetimeModule, re: reModule },
    exceptions: {
      raise_compiler_error: compilerError,
      warn: (message: unknown) => log(logger, 'warn', message),
      raise_not_implemented: (message: unknown) => compilerError(message),
    },
    log: (...all: unknown[]) => {
      const [args, kw] = splitKw(all);
      return log(logger, truthy(kw.info ?? args[1] ?? false) ? 'info' : 'debug', args[0]);
    },
    print: (message: unknown) => log(logger, 'print', message),
    joiner: (sep: unknown = ', ') => {
      let used = false;
      return () => (used ? String(sep) : ((used = true), ''));
    },
    cycler: (...items: unknown[]) => {
      let i = 0;
      return { next: () => items[i++ % items.length], reset: () => void (i = 0), get current() { return items[i % items.length]; } };
    },
  };
}
