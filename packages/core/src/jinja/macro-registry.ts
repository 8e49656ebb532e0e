/**
 * Every macro of the project, its packages and dbt's built-ins, all global (dbt has no `{% import %}`): reachable
 * unqualified (the root project beats packages, which beat the internal `dbt` package; later registration breaks
 * ties) and by namespace (`dbt.hash(...)`, `my_pkg.my_macro(...)`).
 */
import type { JinjaMacro } from './macro-object.js';
import type { StaticMacroCall } from './static-macro-calls.js';

export interface MacroDefinition {
  name: string;
  packageName: string;
  file: string;
  /** 1-based line of the `{% macro %}` tag in the file. */
  line: number;
  /** The macro's block text, `{% macro … %}` to `{% endmacro %}` (the whole file if it could not be cut). */
  source: string;
  /** 1-based column of the `{% macro %}` tag. */
  column?: number;
  /** Parameter names in order (the manifest's `arguments`). */
  arguments?: string[];
  /** What the body calls that may be a macro (for the manifest's depends_on.macros). */
  calls?: StaticMacroCall[];
}

interface Entry {
  def: MacroDefinition;
  macro: JinjaMacro;
  priority: number;
  order: number;
}

export class MacroRegistry {
  private readonly packages = new Map<string, Map<string, Entry>>();
  private readonly winners = new Map<string, Entry>();
  private readonly namespaces = new Map<string, Record<string, JinjaMacro>>();
  private order = 0;

  constructor(
    /** Unqualified macros and package namespaces live here; its prototype holds the generic globals. */
    readonly scope: Record<string, unknown>,
    private readonly rootPackage: string | undefined,
    private readonly internal: ReadonlySet<string>,
  ) {}

  private priority(pkg: string): number {
    if (pkg === this.rootPackage) return 2;
    return this.internal.has(pkg) ? 0 : 1;
  }

  /** Drops the macros a file registered before (re-adding a file replaces them). */
  removeFile(pkg: string, file: string): void {
    const macros = this.packages.get(pkg);
    if (!macros) return;
    for (const [name, e] of macros) {
      if (e.def.file !== file) continue;
      macros.delete(name);
      delete this.namespaces.get(pkg)![name];
      if (this.winners.get(name) === e) this.recomputeWinner(name);
    }
  }

  /** Registers one macro; returns the definition it clashes with in the same package, if any. */
  add(def: MacroDefinition, macro: JinjaMacro): MacroDefinition | undefined {
    let macros = this.packages.get(def.packageName);
    if (!macros) {
      macros = new Map();
      this.packages.set(def.packageName, macros);
      const ns: Record<string, JinjaMacro> = {};
      this.namespaces.set(def.packageName, ns);
      if (!Object.hasOwn(this.scope, def.packageName)) this.scope[def.packageName] = ns;
    }
    const clash = macros.get(def.name);
    if (clash) return clash.def;
    const entry: Entry = { def, macro, priority: this.priority(def.packageName), order: this.order++ };
    macros.set(def.name, entry);
    this.namespaces.get(def.packageName)![def.name] = macro;
    const current = this.winners.get(def.name);
    if (!current || entry.priority >= current.priority) this.setWinner(def.name, entry);
    return undefined;
  }

  private setWinner(name: string, e: Entry): void {
    this.winners.set(name, e);
    this.scope[name] = e.macro;
  }

  private recomputeWinner(name: string): void {
    let best: Entry | undefined;
    for (const macros of this.packages.values()) {
      const e = macros.get(name);
      if (e && (!best || e.priority > best.priority || (e.priority === best.priority && e.order > best.order))) best = e;
    }
    if (best) this.setWinner(name, best);
    else {
      this.winners.delete(name);
      delete this.scope[name];
    }
  }

  get(pkg: string | undefined, name: string): JinjaMacro | undefined {
    if (pkg === undefined) return this.winners.get(name)?.macro;
    return this.packages.get(pkg)?.get(name)?.macro;
  }

  definitions(): MacroDefinition[] {
    const out: MacroDefinition[] = [];
    for (const macros of this.packages.values()) for (const e of macros.values()) out.push(e.def);
    return out;
  }

  names(): Iterable<string> {
    return this.winners.keys();
  }
}
