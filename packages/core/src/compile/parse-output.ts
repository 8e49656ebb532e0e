import { readFileSync } from 'node:fs';
import { writeTargetFile } from '../util/write-file.js';
import { join } from 'node:path';
import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import type { RenderScope } from '../context/render-scope.js';
import { md5 } from '../util/hash.js';
import { trimmed } from '../util/trimmed.js';

interface ParseOutput {
  text: string;
  markers: { fn: 'ref' | 'source'; args: unknown[] }[];
}

/** Counts template log()/print() events: a parse render that logged must render again at compile to log again. */
export const templateLogs = { count: 0 };

/** How many compiles reused a parse render (tests read it). */
export const parseOutputReuses = { count: 0 };

/** Parse renders that read nothing compile-time-dependent, by node (kept for this process only). */
const outputs = new WeakMap<ManifestNode, ParseOutput>();

export function rememberParseOutput(node: ManifestNode, text: string, scope: RenderScope): void {
  if (!scope.impure && scope.markers) outputs.set(node, { text, markers: trimmed(scope.markers) });
  else outputs.delete(node);
}

/** A plain compile (no overrides, not incremental) can reuse the parse render: dbt's output, without a second render. */
export function canReuse(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime): boolean {
  if (!runtime.execute || runtime.isIncremental || runtime.refOverrides || runtime.varOverrides || runtime.macroOverrides || runtime.empty) return false;
  loadSavedOutputs(project);
  return outputs.has(node) && project.manifest.nodes[node.unique_id] === node;
}

/**
 * Parse renders are saved next to partial_parse.json, so a command that reuses the parse (nothing changed) reuses
 * them too instead of rendering every model again. Valid for exactly the inputs that parse had.
 */
const SAVED = 'tsdbt_parse_outputs.json';
type Saved = { key: string; outputs: Record<string, [checksum: string, text: string, markers: ParseOutput['markers']]> };
const loadedFor = new WeakSet<ParsedProject>();

function outputsKey(project: ParsedProject): string | undefined {
  const pp = project.partialParse;
  return pp && md5(JSON.stringify([pp.inputs.key, pp.inputs.files]));
}

/** Only plain values survive the file as they are: ref('a'), ref('p', 'a', v=2), source('s', 't'). */
const plainArg = (a: unknown): boolean =>
  typeof a === 'string' || typeof a === 'number' || (typeof a === 'object' && a !== null && Object.values(a).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'));

/** After a fresh parse: the parse renders of the manifest's nodes, for the commands that reuse this parse. */
export function saveParseOutputs(project: ParsedProject): void {
  const key = outputsKey(project);
  if (!key || project.partialParse!.reused) return;
  const saved: Saved = { key, outputs: {} };
  for (const node of Object.values(project.manifest.nodes)) {
    const out = outputs.get(node);
    if (out && out.markers.every((m) => m.args.every(plainArg))) saved.outputs[node.unique_id] = [node.checksum.checksum, out.text, out.markers];
  }
  writeTargetFile(join(project.targetPath, SAVED), JSON.stringify(saved));
}

function loadSavedOutputs(project: ParsedProject): void {
  if (loadedFor.has(project)) return;
  loadedFor.add(project);
  if (!project.partialParse?.reused) return;
  let saved: Saved;
  try {
    saved = JSON.parse(readFileSync(join(project.targetPath, SAVED), 'utf8')) as Saved;
  } catch {
    return; // none, or damaged: every model renders, as without it
  }
  if (saved.key !== outputsKey(project)) return;
  const nodes = project.manifest.nodes;
  for (const [id, [checksum, text, markers]] of Object.entries(saved.outputs)) {
    const node = nodes[id];
    if (node && node.checksum.checksum === checksum && !outputs.has(node)) outputs.set(node, { text, markers });
  }
}

/** The parse output with each marker replaced by what ref()/source() return now; undefined if any is left over. */
export function reuseParseOutput(node: ManifestNode, ctx: Record<string, unknown>): string | undefined {
  const out = outputs.get(node)!;
  const text = out.text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => {
    const m = out.markers[Number(i)];
    if (!m) return '\u0000';
    return String((ctx[m.fn] as (...a: unknown[]) => unknown)(...m.args));
  });
  if (text.includes('\u0000')) return undefined;
  parseOutputReuses.count++;
  return text;
}
