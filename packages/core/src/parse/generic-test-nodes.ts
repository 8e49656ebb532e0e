import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode, RefCall } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import { collectTests } from '../properties/columns.js';
import { buildGenericTest, type TestTarget } from '../properties/generic-tests.js';
import type { Properties } from '../properties/read-properties.js';
import { isRecord } from '../util/yaml-file.js';
import { trimmed } from '../util/trimmed.js';

export interface PendingTest {
  node: ManifestNode;
  ymlConfig: Record<string, unknown>;
}

const REF = /\bref\s*\(\s*['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?(?:\s*,\s*(?:v|version)\s*=\s*['"]?([\w.]+)['"]?)?/g;
const SOURCE = /\bsource\s*\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]/g;

/** refs and sources a test's arguments mention (`to: ref('customers')`), found without rendering. */
function scanArgs(kwargs: Record<string, unknown>, node: ManifestNode): void {
  let text = '';
  let first = true;
  for (const k in kwargs) {
    if (!Object.hasOwn(kwargs, k)) continue;
    const v = kwargs[k];
    const part = typeof v === 'string' ? v : v && typeof v === 'object' ? JSON.stringify(v) : '';
    text = first ? part : `${text}\n${part}`;
    first = false;
  }
  if (!text.includes('ref') && !text.includes('source')) return;
  for (const m of text.matchAll(REF)) {
    const version = m[3] ?? null;
    const call: RefCall = m[2] ? { name: m[2], package: m[1]!, version } : { name: m[1]!, package: null, version };
    if (!node.refs.some((r) => r.name === call.name && r.package === call.package)) node.refs.push(call);
  }
  for (const m of text.matchAll(SOURCE)) {
    if (!node.sources.some(([s, t]) => s === m[1] && t === m[2])) node.sources.push([m[1]!, m[2]!]);
  }
}

function fqnDirs(file: string): string[] {
  return file.split('/').slice(1, -1);
}

/** Generic test nodes for every test declared on models, seeds, snapshots and source tables. */
export function genericTestNodes(props: Properties, enabledIds: Set<string>, problems: Diagnostic[]): PendingTest[] {
  const out: PendingTest[] = [];
  const add = (entry: Record<string, unknown>, target: TestTarget, pkg: ProjectPackage, file: string) => {
    const where = { pkg: pkg.name, file, fqnDirs: fqnDirs(file) };
    for (const [column, def] of collectTests(entry)) {
      const built = buildGenericTest(def, target, column, where, problems);
      if (!built) continue;
      scanArgs(built.node.test_metadata!.kwargs, built.node);
      built.node.refs = trimmed(built.node.refs);
      built.node.sources = trimmed(built.node.sources);
      out.push({ node: built.node, ymlConfig: built.config });
    }
  };
  for (const [key, patch] of props.patches) {
    if (patch.kind === 'macros' || patch.kind === 'analyses') continue;
    const type = patch.kind.slice(0, -1);
    const name = patch.entry.name as string;
    const version = /\.v([^.]+)$/.exec(key)?.[1];
    const uniqueId = `${type}.${patch.pkg.name}.${name}${version ? `.v${version}` : ''}`;
    if (!enabledIds.has(uniqueId)) continue;
    const target = version
      ? { name: `${name}_v${version}`, expr: `ref('${name}', v=${JSON.stringify(patch.entry.v)})`, isSource: false, uniqueId }
      : { name, expr: `ref('${name}')`, isSource: false, uniqueId };
    add(patch.entry, target, patch.pkg, patch.file);
  }
  for (const { pkg, file, entry } of props.sources) {
    for (const t of Array.isArray(entry.tables) ? entry.tables : []) {
      if (!isRecord(t) || typeof t.name !== 'string') continue;
      const s = entry.name as string;
      const uniqueId = `source.${pkg.name}.${s}.${t.name}`;
      if (!enabledIds.has(uniqueId)) continue;
      add(t, { name: `${s}_${t.name}`, expr: `source('${s}', '${t.name}')`, isSource: true, uniqueId }, pkg, file);
    }
  }
  return out;
}
