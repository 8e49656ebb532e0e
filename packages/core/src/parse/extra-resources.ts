import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Manifest, ManifestNode, RefCall } from '../manifest/types.js';
import { createNode } from './node-factory.js';
import type { PropertyEntry } from '../properties/read-properties.js';
import { toStrings } from '../properties/columns.js';
import { isRecord } from '../util/yaml-file.js';

const REF = /\bref\s*\(\s*['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?\s*\)/;
const SOURCE = /\bsource\s*\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/;

/** Exposures: `depends_on: [ref('x'), source('a', 'b')]` become refs/sources, resolved with the other nodes. */
export function buildExposures(entries: PropertyEntry[], renderText: (t: string, pkg: string) => string, problems: Diagnostic[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const { pkg, file, entry } of entries) {
    const refs: RefCall[] = [];
    const sources: [string, string][] = [];
    for (const dep of Array.isArray(entry.depends_on) ? entry.depends_on : []) {
      const r = REF.exec(String(dep));
      const s = SOURCE.exec(String(dep));
      if (r) refs.push(r[2] ? { name: r[2], package: r[1]!, version: null } : { name: r[1]!, package: null, version: null });
      else if (s) sources.push([s[1]!, s[2]!]);
      else problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', file, message: `Exposure '${entry.name}': depends_on entry ${JSON.stringify(dep)} is not ref(...) or source(...)` });
    }
    out.push({
      unique_id: `exposure.${pkg.name}.${entry.name}`, resource_type: 'exposure', name: entry.name, package_name: pkg.name,
      path: file, original_file_path: file, fqn: [pkg.name, ...file.split('/').slice(1, -1), entry.name],
      type: entry.type ?? null, owner: entry.owner ?? {}, description: typeof entry.description === 'string' ? renderText(entry.description, pkg.name) : '',
      label: entry.label ?? null, maturity: entry.maturity ?? null, url: entry.url ?? null, meta: isRecord(entry.meta) ? entry.meta : {},
      tags: toStrings(entry.tags), config: { enabled: true, ...(isRecord(entry.config) ? entry.config : {}) },
      refs, sources, metrics: [], depends_on: { macros: [], nodes: [] }, unrendered_config: {}, created_at: Date.now() / 1000,
    });
  }
  return out;
}

/** Unit tests (dbt 1.8): given/expect/overrides kept as written; depends on the model under test. */
export function buildUnitTests(entries: PropertyEntry[], manifest: Manifest, problems: Diagnostic[]): ManifestNode[] {
  const out: ManifestNode[] = [];
  for (const { pkg, file, entry } of entries) {
    const model = String(entry.model ?? '');
    const target = Object.values(manifest.nodes).find((n) => n.resource_type === 'model' && n.name === model);
    if (!target) {
      problems.push({ code: 'TSDBT_REF_NOT_FOUND', severity: 'error', file, message: `Unit test '${entry.name}' tests model '${model}', which was not found` });
      continue;
    }
    const node = createNode({
      type: 'unit_test', packageName: pkg.name, name: String(entry.name), path: file, file,
      fqn: [pkg.name, ...target.fqn.slice(1, -1), model, String(entry.name)], rawCode: '',
      uniqueId: `unit_test.${pkg.name}.${model}.${entry.name}`,
    });
    node.model = model;
    node.given = Array.isArray(entry.given) ? entry.given : [];
    node.expect = entry.expect ?? {};
    node.overrides = entry.overrides ?? null;
    node.description = typeof entry.description === 'string' ? entry.description : '';
    node.depends_on.nodes = [target.unique_id];
    node.config = { ...node.config, ...(isRecord(entry.config) ? entry.config : {}) } as ManifestNode['config'];
    node.tags = toStrings((node.config as { tags?: unknown }).tags);
    out.push(node);
  }
  return out;
}
