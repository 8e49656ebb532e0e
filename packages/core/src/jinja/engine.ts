import { TsdbtError } from '../diagnostics/diagnostic.js';
import { compileMacroFile, compileTemplate } from './compile-source.js';
import { builtinFilters } from './filters.js';
import { bufferLogs, makeGlobals, type Logger } from './globals.js';
import { makeMacro, type JinjaMacro, type MacroBody } from './macro-object.js';
import { MacroRegistry, type MacroDefinition } from './macro-registry.js';
import { MacroReturn } from './render-errors.js';
import { RenderState, withState, type EngineTables, type FilterFn } from './render-state.js';
import { runtime } from './runtime.js';
import { TemplateCache, type CompiledTemplates } from './template-cache.js';
import { TemplateShapes } from './template-shapes.js';
import { builtinTests } from './tests.js';

export type { MacroDefinition } from './macro-registry.js';

export interface TemplateSource {
  /** File path relative to the project (used in errors). */
  name: string;
  source: string;
  /** Line of the file where `source` starts (1-based), when the template is a block cut out of a file. */
  line?: number;
}

export interface JinjaEngineOptions {
  /** Receives log(), print() and exceptions.warn() messages. Default: dropped. */
  logger?: Logger;
  /** The root project's package name: its macros win over every package's when called unqualified. */
  rootPackage?: string;
  /** Packages whose macros lose to everyone else's (dbt's own). Default: ['dbt']. */
  internalPackages?: string[];
}

/** Renders Jinja as dbt runs it (shared/JINJA-COMPAT.md) on nunjucks's parser; see index.ts for the contract. */
export class JinjaEngine {
  private readonly registry: MacroRegistry;
  private readonly cache = new TemplateCache();
  private readonly shapes = new TemplateShapes();
  private readonly tables: EngineTables;
  private readonly logger: Logger;

  constructor(options: JinjaEngineOptions = {}) {
    this.logger = options.logger ?? (() => {});
    // Null prototype: `{{ constructor }}` or `{{ toString }}` must be undefined names, not Object.prototype's.
    const globals = Object.assign(Object.create(null) as Record<string, unknown>, makeGlobals(this.logger));
    this.registry = new MacroRegistry(Object.create(globals) as Record<string, unknown>, options.rootPackage, new Set(options.internalPackages ?? ['dbt']));
    const registry = this.registry;
    this.tables = {
      filters: { ...builtinFilters },
      tests: { ...builtinTests },
      globals: registry.scope,
      *knownNames() {
        yield* registry.names();
        yield* Object.keys(globals);
      },
    };
  }

  /** Registers every `{% macro %}` and `{% test %}` (as `test_<name>`) of a file; re-adding a file replaces it. */
  addMacroFile(packageName: string, file: string, source: string): MacroDefinition[] {
    const compiled = this.cache.macroFile(packageName, file, source, () => compileMacroFile(packageName, file, source, this.tables));
    this.registry.removeFile(packageName, file);
    const clashes: TsdbtError[] = [];
    for (const { def, code, tables } of compiled) {
      const revive = () => new Function('K', 'P', `return ${code}`)(tables.consts, tables.positions) as MacroBody;
      const macro = makeMacro(def.name, revive, { file, lineOffset: 0 }, true, `macro.${packageName}.${def.name}`);
      const clash = this.registry.add(def, macro);
      if (clash) {
        clashes.push(
          new TsdbtError('TSDBT_DUPLICATE_MACRO', `macro '${def.name}' is defined twice in package '${packageName}'`, {
            file,
            line: def.line,
            hint: `The other definition is in ${clash.file} line ${clash.line}; rename or remove one.`,
          }),
        );
      }
    }
    if (clashes.length) throw new TsdbtError(clashes[0]!.code, clashes[0]!.message, { diagnostics: clashes.flatMap((c) => c.diagnostics) });
    return compiled.map((c) => c.def);
  }

  macros(): readonly MacroDefinition[] {
    return this.registry.definitions();
  }

  hasMacro(packageName: string | undefined, name: string): boolean {
    return this.registry.get(packageName, name) !== undefined;
  }

  /** The macro as a function (callable from a template or, during a render, from TypeScript). */
  getMacro(packageName: string | undefined, name: string): JinjaMacro | undefined {
    return this.registry.get(packageName, name);
  }

  /** Adds a filter (`{{ x | name(args) }}`); templates compiled before do not see it. */
  addFilter(name: string, filter: (value: unknown, ...args: unknown[]) => unknown): void {
    const fn: FilterFn = (v, args, kw) => filter(v, ...args, ...(kw ? [{ ...kw, __keywords: true }] : []));
    this.tables.filters[name] = fn;
  }

  /** Renders synchronously. A `Suspend` thrown by a context function propagates unwrapped (see renderResumable). */
  render(template: TemplateSource, context: Record<string, unknown>): string {
    const at = { file: template.name, lineOffset: (template.line ?? 1) - 1 };
    const t = this.cache.get(template.source, (src) => this.shapes.compile(src, (text, lexed) => compileTemplate(text, this.tables, at, lexed)));
    const S = new RenderState(this.tables, context, at.file, at.lineOffset);
    try {
      return bufferLogs(this.logger, () => withState(S, () => t.fn(runtime, S, Object.create(null) as Record<string, unknown>, t.consts, t.positions)));
    } catch (e) {
      if (e instanceof MacroReturn) {
        throw new TsdbtError('TSDBT_JINJA_RENDER', 'return() called outside a macro', { file: at.file, hint: 'Use {{ return(x) }} only inside {% macro %}.' });
      }
      throw e;
    }
  }

  /** Calls one macro from TypeScript, in `context` (dbt's semantics: the caller's context, not the macro file's). */
  callMacro(packageName: string | undefined, name: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}, context: Record<string, unknown> = {}): unknown {
    const macro = this.registry.get(packageName, name);
    if (!macro) {
      const qualified = packageName ? `${packageName}.${name}` : name;
      throw new TsdbtError('TSDBT_UNKNOWN_MACRO', `macro '${qualified}' is not defined`, { hint: 'Check the name, and that its file is under macro-paths.' });
    }
    const S = new RenderState(this.tables, context, '', 0);
    const kw = Object.keys(kwargs).length ? kwargs : null;
    return bufferLogs(this.logger, () => withState(S, () => macro.__jinja.invoke(S, [...args], kw)));
  }

  /** Compiled templates as JSON-serialisable data, to save under target/ and pass to importCompiled next run. */
  exportCompiled(): CompiledTemplates {
    return this.cache.export();
  }

  /** Loads compiled templates saved by exportCompiled; false when they came from another tsdbt version. */
  importCompiled(data: CompiledTemplates): boolean {
    return this.cache.import(data);
  }
}
