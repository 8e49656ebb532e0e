import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yamlLib } from '../util/yaml-lib.js';
import { yamlError } from './selector-definitions.js';
import type { SelectorDefinition } from './types.js';

/**
 * Reads `selectors.yml` at the project root (dbt's only location), keeping each selector's line for diagnostics.
 * Returns an empty list when the file does not exist. Jinja inside selectors.yml is not rendered (yet).
 */
export function loadSelectors(projectDir: string): SelectorDefinition[] {
  const path = join(projectDir, 'selectors.yml');
  if (!existsSync(path)) return [];
  return parseSelectorsYaml(readFileSync(path, 'utf8'), 'selectors.yml');
}

export function parseSelectorsYaml(text: string, file: string): SelectorDefinition[] {
  const { isMap, isSeq, LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const at = lines.linePos(e.pos[0]);
    throw yamlError(`Invalid YAML in ${file}: ${e.message.split('\n')[0]}`, file, at.line, 'Fix the YAML syntax; each selector is an item of the top-level "selectors:" list.');
  }
  const list = isMap(doc.contents) ? doc.contents.get('selectors', true) : undefined;
  if (!isSeq(list)) throw yamlError(`${file} must hold a top-level "selectors:" list.`, file, 1);
  // toJS resolves anchors and aliases, which dbt's docs suggest for reusing definitions.
  const values = (doc.toJS() as { selectors: unknown[] }).selectors;
  return list.items.map((item, i) => {
    const range = (item as { range?: [number, number, number] } | null)?.range;
    const line = range ? lines.linePos(range[0]).line : undefined;
    const value = values[i];
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw yamlError('Each selector must be a mapping with "name" and "definition".', file, line);
    }
    return { ...(value as SelectorDefinition), file, line };
  });
}
