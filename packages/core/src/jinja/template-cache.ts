/**
 * Compiled templates, keyed by their text: compiling (parse + codegen + V8's compile of the generated code) is the
 * expensive step, so each distinct text is compiled once per process. Templates of the same shape generate the
 * same code (their text lives in side tables), so V8 compiles each shape once. The generated code can be saved and
 * reloaded across runs (exportCompiled / importCompiled), skipping the parse.
 */
import { createHash } from 'node:crypto';
import type { CompiledCode, CompiledMacro } from './compile-source.js';
import type { MacroDefinition } from './macro-registry.js';
import type { RenderState } from './render-state.js';
import type { Runtime } from './runtime.js';

export type TemplateFn = (R: Runtime, S: RenderState, s: Record<string, unknown>, K: unknown[], P: number[]) => string;

export interface CompiledTemplate {
  fn: TemplateFn;
  consts: unknown[];
  positions: number[];
}

/** A macro file compiled: its macros' definitions and code, and the constant/position tables they share. */
export interface CompiledMacroFile {
  defs: MacroDefinition[];
  codes: string[];
  consts: unknown[];
  positions: number[];
}

/**
 * Serialisable form: `entries` maps sha1(template text) to [index into `codes`, constants, positions];
 * `macroFiles` maps sha1(package, file, text) of each macro file to its compiled macros.
 */
export interface CompiledTemplates {
  version: string;
  codes: string[];
  entries: Record<string, [number, unknown[], number[]]>;
  macroFiles?: Record<string, CompiledMacroFile>;
}

/** Bump when the generated code or the runtime it calls changes shape. */
export const COMPILED_VERSION = 'tsdbt-jinja-5';

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class TemplateCache {
  private readonly bySource = new Map<string, CompiledTemplate & { code: string }>();
  private readonly byCode = new Map<string, TemplateFn>();
  private readonly persisted = new Map<string, CompiledCode>();
  private readonly persistedMacros = new Map<string, CompiledMacroFile>();
  /** Macro files used by this process, saved by export (files no longer in the project drop out). */
  private readonly macroFiles = new Map<string, CompiledMacroFile>();

  /**
   * The compiled macros of a macro file, from the saved cache when its text is unchanged (every command registers
   * every macro file, dbt's built-ins included: ~35 ms of parsing saved per command).
   */
  macroFile(packageName: string, file: string, source: string, compile: () => CompiledMacro[]): CompiledMacro[] {
    const key = sha1(`${packageName}\0${file}\0${source}`);
    let saved = this.persistedMacros.get(key);
    if (!saved) {
      const compiled = compile();
      const tables = compiled[0]?.tables ?? { consts: [], positions: [] };
      saved = { defs: compiled.map((c) => c.def), codes: compiled.map((c) => c.code), consts: tables.consts, positions: tables.positions };
    }
    this.macroFiles.set(key, saved);
    const tables = { consts: saved.consts, positions: saved.positions };
    return saved.defs.map((def, i) => ({ def, code: saved.codes[i]!, tables }));
  }

  /** The compiled template for `source`, compiling it (or reviving saved code) on first use. */
  get(source: string, compile: (source: string) => CompiledCode): CompiledTemplate {
    const hit = this.bySource.get(source);
    if (hit) return hit;
    const c = (this.persisted.size ? this.persisted.get(sha1(source)) : undefined) ?? compile(source);
    let fn = this.byCode.get(c.code);
    if (!fn) {
      fn = new Function('R', 'S', 's', 'K', 'P', c.code) as TemplateFn;
      this.byCode.set(c.code, fn);
    }
    const entry = { fn, consts: c.consts, positions: c.positions, code: c.code };
    this.bySource.set(source, entry);
    return entry;
  }

  get size(): number {
    return this.bySource.size;
  }

  /** Distinct generated functions (template shapes) compiled so far. */
  get shapes(): number {
    return this.byCode.size;
  }

  export(): CompiledTemplates {
    const codes: string[] = [];
    const codeIndex = new Map<string, number>();
    const entries: CompiledTemplates['entries'] = {};
    const add = (hash: string, c: CompiledCode) => {
      let i = codeIndex.get(c.code);
      if (i === undefined) codeIndex.set(c.code, (i = codes.push(c.code) - 1));
      entries[hash] = [i, c.consts, c.positions];
    };
    for (const [hash, c] of this.persisted) add(hash, c);
    for (const [source, c] of this.bySource) add(sha1(source), c);
    return { version: COMPILED_VERSION, codes, entries, macroFiles: Object.fromEntries(this.macroFiles) };
  }

  /** Loads saved code; returns false (and loads nothing) when it came from another compiler version. */
  import(data: CompiledTemplates): boolean {
    if (!data || data.version !== COMPILED_VERSION || !Array.isArray(data.codes) || typeof data.entries !== 'object') return false;
    for (const [hash, [i, consts, positions]] of Object.entries(data.entries)) {
      const code = data.codes[i];
      if (typeof code === 'string') this.persisted.set(hash, { code, consts, positions });
    }
    for (const [key, f] of Object.entries(data.macroFiles ?? {})) {
      if (Array.isArray(f?.defs) && Array.isArray(f.codes) && f.defs.length === f.codes.length) this.persistedMacros.set(key, f);
    }
    return true;
  }
}
