import { TsdbtError } from '../diagnostics/diagnostic.js';
import { closestName as closest } from '../diagnostics/suggest.js';
import { checkMethod } from './methods.js';
import { parseCriteria, type SpecOrigin } from './parse-spec.js';
import { yamlError } from './selector-definitions.js';
import { INDIRECT_SELECTION_MODES, type IndirectSelection, type SelectionCriteria, type SelectionSpec, type SelectorDefinition } from './types.js';

/** Turns selectors.yml definitions into specs on demand, following `method: selector` references. */
export class SelectorResolver {
  private readonly resolved = new Map<string, SelectionSpec>();
  private readonly resolving: string[] = [];

  constructor(
    private readonly selectors: Map<string, SelectorDefinition>,
    private readonly indirect: IndirectSelection,
  ) {}

  resolve(name: string, from?: SpecOrigin): SelectionSpec {
    const done = this.resolved.get(name);
    if (done) return done;
    const sel = this.selectors.get(name);
    if (!sel) throw this.notFound(name, from);
    if (this.resolving.includes(name)) {
      throw yamlError(`Selector "${name}" refers to itself: ${[...this.resolving, name].join(' → ')}.`, sel.file, sel.line);
    }
    this.resolving.push(name);
    try {
      const origin: SpecOrigin = { file: sel.file, line: sel.line, exitCode: 2 };
      const spec = this.parse(sel.definition, origin, true);
      this.resolved.set(name, spec);
      return spec;
    } finally {
      this.resolving.pop();
    }
  }

  private notFound(name: string, from?: SpecOrigin): TsdbtError {
    const near = closest(name, this.selectors.keys());
    const known = [...this.selectors.keys()];
    return new TsdbtError('TSDBT_SELECTOR_NOT_FOUND', `Could not find selector named "${name}".`, {
      exitCode: from?.exitCode ?? 2,
      file: from?.file,
      line: from?.line,
      hint: near ? `Did you mean "${near}"?` : known.length ? `Selectors defined in selectors.yml: ${known.join(', ')}.` : 'No selectors.yml selectors are defined in this project.',
    });
  }

  private parse(def: unknown, origin: SpecOrigin, root = false): SelectionSpec {
    if (typeof def === 'string') return parseCriteria(def, this.indirect, origin);
    if (!def || typeof def !== 'object' || Array.isArray(def)) {
      throw yamlError(`Expected a union, an intersection, a string or a mapping in a selector definition, found ${JSON.stringify(def)}.`, origin.file, origin.line);
    }
    const d = def as Record<string, unknown>;
    if (root && ('union' in d || 'intersection' in d) && Object.keys(d).length > 1) {
      throw yamlError(`Only one 'union' or 'intersection' key is allowed at the root of a selector definition; found ${Object.keys(d).join(', ')}.`, origin.file, origin.line);
    }
    if ('union' in d) return this.parseSet('union', d.union, origin, d);
    if ('intersection' in d) return this.parseSet('intersection', d.intersection, origin, d);
    return this.parseDict(d, origin);
  }

  private parseSet(kind: 'union' | 'intersection', parts: unknown, origin: SpecOrigin, raw: unknown): SelectionSpec {
    if (!Array.isArray(parts)) throw yamlError(`"${kind}" must be a list.`, origin.file, origin.line);
    const include: SelectionSpec[] = [];
    let exclude: SelectionSpec | undefined;
    for (const part of parts) {
      if (part && typeof part === 'object' && !Array.isArray(part) && 'exclude' in part) {
        if (exclude) throw yamlError(`You cannot provide multiple exclude arguments to the same ${kind}.`, origin.file, origin.line);
        exclude = this.parseExclude((part as Record<string, unknown>).exclude, origin);
      } else include.push(this.parse(part, origin));
    }
    const set: SelectionSpec = { kind, components: include, raw: JSON.stringify(raw), expectExists: false, indirectSelection: this.indirect };
    return exclude ? this.difference(set, exclude, raw) : set;
  }

  private parseExclude(parts: unknown, origin: SpecOrigin): SelectionSpec {
    const list = Array.isArray(parts) ? parts : [parts];
    const specs = list.map((p) => this.parse(p, origin));
    if (specs.length === 1) return specs[0]!;
    return { kind: 'union', components: specs, raw: JSON.stringify(parts), expectExists: false, indirectSelection: 'eager' };
  }

  private parseDict(d: Record<string, unknown>, origin: SpecOrigin): SelectionSpec {
    const keys = Object.keys(d);
    if (d.method === 'selector') return this.resolve(String(d.value), origin);
    let dict = d;
    if (keys.length === 1) dict = { method: keys[0], value: d[keys[0]!] };
    else if (!('method' in d && 'value' in d)) {
      throw yamlError(`Expected either one key or else "method" and "value" keys, but got ${keys.join(', ')}.`, origin.file, origin.line);
    }
    const base = this.criteriaFromDict(dict, origin);
    return 'exclude' in d && keys.length > 1 ? this.difference(base, this.parseExclude(d.exclude, origin), d) : base;
  }

  private criteriaFromDict(d: Record<string, unknown>, origin: SpecOrigin): SelectionCriteria {
    if (d.value === undefined || d.value === null) throw yamlError(`Invalid node spec ${JSON.stringify(d)}: no search value.`, origin.file, origin.line);
    const indirect = (d.indirect_selection ?? this.indirect) as IndirectSelection;
    if (!INDIRECT_SELECTION_MODES.includes(indirect)) {
      throw yamlError(`indirect_selection must be one of ${INDIRECT_SELECTION_MODES.join(', ')}; got ${String(indirect)}.`, origin.file, origin.line);
    }
    const raw = JSON.stringify(d);
    const [method, ...args] = String(d.method).split('.');
    checkMethod(method!, raw, origin);
    if (d.childrens_parents && d.parents) throw yamlError(`Invalid node spec ${raw}: "childrens_parents" and "parents" cannot be combined.`, origin.file, origin.line);
    return {
      kind: 'criteria',
      raw,
      method: method!,
      args,
      value: String(d.value),
      childrensParents: Boolean(d.childrens_parents),
      parents: Boolean(d.parents),
      parentsDepth: depth(d.parents_depth, origin),
      children: Boolean(d.children),
      childrenDepth: depth(d.children_depth, origin),
      indirectSelection: indirect,
    };
  }

  private difference(include: SelectionSpec, exclude: SelectionSpec, raw: unknown): SelectionSpec {
    return { kind: 'difference', components: [include, exclude], raw: JSON.stringify(raw), expectExists: false, indirectSelection: this.indirect };
  }
}

function depth(v: unknown, origin: SpecOrigin): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw yamlError(`A depth must be a whole number; got ${JSON.stringify(v)}.`, origin.file, origin.line);
  return n;
}
