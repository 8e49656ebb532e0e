import { readFileSync } from 'node:fs';
import { yamlLib } from '../util/yaml-lib.js';

export interface Position {
  line?: number;
  column?: number;
  /** The whole path was found (else the position is its nearest ancestor's). */
  exact?: boolean;
}

/** A step of a YAML path: a key, a list index, or the list item whose `name` is the given one. */
export type YamlStep = string | number | { name: string };

/**
 * Line and column (1-based) of the value at `path` in a YAML file (`['groups', 1, 'name']`), or of the nearest
 * ancestor found. YAML files are parsed without positions (js-yaml is faster); this re-reads one only when a
 * diagnostic needs the place.
 */
export function yamlPosition(absPath: string, path: YamlStep[]): Position {
  try {
    const { LineCounter, parseDocument, isMap, isSeq } = yamlLib();
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(absPath, 'utf8'), { lineCounter: lines });
    let node: unknown = doc.contents;
    let offset: number | undefined = rangeStart(node);
    let exact = true;
    for (const key of path) {
      const next = isMap(node) && typeof key === 'string'
        ? node.get(key, true)
        : !isSeq(node) ? undefined
        : typeof key === 'number' ? node.items[key]
        : typeof key === 'object' ? node.items.find((item) => isMap(item) && String(item.get('name')) === key.name)
        : undefined;
      if (next === undefined || next === null) {
        exact = false;
        break;
      }
      node = next;
      offset = rangeStart(node) ?? offset;
    }
    if (offset === undefined) return {};
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col, exact };
  } catch {
    return {};
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number] } | null | undefined)?.range?.[0];
}

/**
 * Line and column (1-based) of the first match of `re` in a file, from line `fromLine` on, for a value found by text
 * (SQL, dbt_project.yml, a ref inside a YAML entry).
 */
export function textPosition(absPath: string, re: RegExp, fromLine = 1): Position {
  try {
    const text = readFileSync(absPath, 'utf8');
    let start = 0;
    for (let l = 1; l < fromLine && start >= 0; l++) start = text.indexOf('\n', start) + 1 || -1;
    if (start < 0) return {};
    const m = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    m.lastIndex = start;
    const hit = m.exec(text);
    if (!hit) return {};
    const before = text.slice(0, hit.index);
    return { line: before.split('\n').length, column: hit.index - before.lastIndexOf('\n') };
  } catch {
    return {};
  }
}
