import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { SelectorDefinition } from './types.js';

/**
 * Accepts what a caller may hold: selectors.yml parsed (`{ selectors: [...] }`), its list, manifest.selectors
 * (`{ name: { name, definition, … } }`) or loadSelectors() output, and returns the selectors by name.
 */
export function normaliseSelectors(input: unknown, file = 'selectors.yml'): Map<string, SelectorDefinition> {
  const out = new Map<string, SelectorDefinition>();
  if (input === undefined || input === null) return out;
  const list = selectorList(input);
  if (!list) throw yamlError('selectors.yml must hold a top-level "selectors:" list.', file);
  for (const entry of list) {
    const sel = entry as SelectorDefinition;
    if (!sel || typeof sel !== 'object' || typeof sel.name !== 'string') {
      throw yamlError('Each selector needs a "name" and a "definition".', sel?.file ?? file, sel?.line);
    }
    if (sel.definition === undefined) throw yamlError(`Selector "${sel.name}" has no "definition".`, sel.file ?? file, sel.line);
    if (out.has(sel.name)) throw yamlError(`Selector "${sel.name}" is defined twice.`, sel.file ?? file, sel.line);
    if (sel.default !== undefined && typeof sel.default !== 'boolean') {
      throw yamlError(`Selector "${sel.name}": "default" must be true or false.`, sel.file ?? file, sel.line);
    }
    out.set(sel.name, { ...sel, file: sel.file ?? file });
  }
  const defaults = [...out.values()].filter((s) => s.default === true);
  if (defaults.length > 1) {
    throw yamlError(`Only one selector may be the default; found ${defaults.map((d) => d.name).join(', ')}.`, file, defaults[1]!.line);
  }
  return out;
}

function selectorList(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input;
  if (typeof input !== 'object') return undefined;
  const o = input as Record<string, unknown>;
  if (Array.isArray(o.selectors)) return o.selectors;
  if ('selectors' in o) return undefined;
  // manifest.selectors: keyed by name (the entry may leave its name out).
  return Object.entries(o).map(([name, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? { name, ...v } : v));
}

/** The selector marked `default: true`, if any. */
export function defaultSelector(selectors: Map<string, SelectorDefinition>): SelectorDefinition | undefined {
  for (const s of selectors.values()) if (s.default === true) return s;
  return undefined;
}

export function yamlError(message: string, file?: string, line?: number, hint?: string): TsdbtError {
  return new TsdbtError('TSDBT_SELECTORS_YAML', message, { exitCode: 2, file, line, hint });
}
