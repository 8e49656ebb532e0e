import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { TsdbtError } from '@tsdbt/core';
import { isSamePackage } from './find-duplicates.js';

/** packages.yml (or dependencies.yml) with the new entry: the text to write, where the entry is, what it replaced. */
export interface EditedSpecFile {
  file: 'packages.yml' | 'dependencies.yml';
  existed: boolean;
  text: string;
  /** 1-based line of the added (or updated) entry in `text`. */
  line: number;
  /** Entries that were the same package (the first is updated in place, the others removed). */
  replaced: Array<Record<string, unknown>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(message: string, file: string, line: number | undefined, hint: string): TsdbtError {
  return new TsdbtError('TSDBT_PACKAGE_SPEC_INVALID', message, { file, line, hint, exitCode: 2 });
}

function load(dir: string, file: string): { doc: Document; lines: LineCounter; source: string } | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  const lines = new LineCounter();
  const source = readFileSync(path, 'utf8');
  const doc = parseDocument(source, { lineCounter: lines });
  const e = doc.errors[0];
  if (e)
    throw new TsdbtError('TSDBT_YAML_SYNTAX', `Invalid YAML: ${e.message.split('\n')[0]}`, {
      file, line: e.linePos?.[0]?.line, exitCode: 2, hint: `Fix ${file}, then run tsdbt deps --add-package again (nothing was written).`,
    });
  return { doc, lines, source };
}

/** As dbt: dependencies.yml when it has a `packages` key, else packages.yml. */
function chooseFile(dir: string): { file: EditedSpecFile['file']; loaded?: ReturnType<typeof load> } {
  const deps = load(dir, 'dependencies.yml');
  if (deps && isMap(deps.doc.contents) && deps.doc.contents.has('packages')) return { file: 'dependencies.yml', loaded: deps };
  return { file: 'packages.yml', loaded: load(dir, 'packages.yml') };
}

/** The file's `packages:` list, made when the file is empty or lacks the key. */
function packagesSeq(doc: Document, file: string, lines: LineCounter | undefined): YAMLSeq {
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === '')))
    doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents))
    throw invalid(`${file} must be a mapping with a 'packages' list`, file, undefined, 'Write packages: followed by - entries.');
  const map = doc.contents as YAMLMap;
  const seq = map.get('packages', true);
  if (seq === undefined || (isScalar(seq) && (seq.value === null || seq.value === ''))) {
    const made = doc.createNode([]) as YAMLSeq;
    map.set('packages', made);
    return made;
  }
  if (!isSeq(seq)) {
    const offset = (seq as { range?: [number, number, number] }).range?.[0];
    throw invalid(`'packages' in ${file} must be a list`, file, offset === undefined ? undefined : lines?.linePos(offset).line, 'Write packages: followed by - entries.');
  }
  // `packages: []` grows into a block list, one entry under another.
  if (seq.items.length === 0) seq.flow = false;
  return seq;
}

/** A version range as dbt's docs write it: `[">=1.0.0", "<2.0.0"]`. */
function rangeNode(doc: Document, range: unknown[]): YAMLSeq {
  const node = doc.createNode(range) as YAMLSeq;
  node.flow = true;
  for (const item of node.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
  return node;
}

/** The entry as a node: a version range in flow style. */
function entryNode(doc: Document, entry: Record<string, unknown>) {
  const node = doc.createNode(Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined))) as YAMLMap;
  for (const [key, value] of Object.entries(entry)) if (Array.isArray(value)) node.set(key, rangeNode(doc, value));
  return node;
}

/** The new values set on an existing entry in place, so its comments and quoting stay; keys dbt would not write go. */
function updateEntry(doc: Document, item: YAMLMap, entry: Record<string, unknown>): void {
  for (const pair of [...item.items]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!(key in entry) || entry[key] === undefined) item.delete(key);
  }
  for (const [key, value] of Object.entries(entry)) {
    if (value === undefined) continue;
    const old = item.get(key, true);
    if (isScalar(old) && !Array.isArray(value)) {
      old.value = value;
      continue;
    }
    const node = Array.isArray(value) ? rangeNode(doc, value) : (doc.createNode(value) as Node);
    // The comment on the old value's line stays with the new one.
    if (isNode(old)) Object.assign(node, { comment: old.comment, commentBefore: old.commentBefore });
    item.set(key, node);
  }
}

/** Whether the file writes its lists flush with their key (`packages:\n- package:`) rather than indented. */
function flushLists(text: string): boolean {
  const m = /^packages:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*([ \t]*)-/m.exec(text);
  return m !== null && m[1] === '';
}

/**
 * packages.yml with `entry` added, the user's comments, quoting and other entries kept (the yaml library's
 * Document API): an entry for the same package is updated where it stands, further ones removed.
 */
export function editSpecFile(dir: string, entry: Record<string, unknown>, name: string): EditedSpecFile {
  const { file, loaded } = chooseFile(dir);
  const doc = loaded?.doc ?? new Document({ packages: [] });
  const seq = packagesSeq(doc, file, loaded?.lines);
  const replaced: Array<Record<string, unknown>> = [];
  let at = -1;
  for (let i = seq.items.length - 1; i >= 0; i--) {
    const item = seq.items[i];
    const raw = (item as { toJSON?: () => unknown }).toJSON?.() ?? item;
    if (!isRecord(raw) || !isSamePackage(raw, name)) continue;
    replaced.unshift(raw);
    if (at >= 0) seq.items.splice(at, 1);
    at = i;
  }
  if (at >= 0 && isMap(seq.items[at])) updateEntry(doc, seq.items[at] as YAMLMap, entry);
  else if (at >= 0) seq.items[at] = entryNode(doc, entry);
  else {
    seq.items.push(entryNode(doc, entry));
    at = seq.items.length - 1;
  }
  const source = loaded?.source ?? '';
  const written = doc.toString({ indentSeq: !flushLists(source), lineWidth: 0, flowCollectionPadding: false });
  const text = source.includes('\r\n') ? written.replace(/\r?\n/g, '\r\n') : written;
  // The entry's line in the new text, for errors that name it.
  const lines = new LineCounter();
  const again = parseDocument(text, { lineCounter: lines });
  const node = (again.get('packages', true) as YAMLSeq | undefined)?.items[at] as { range?: [number, number, number] } | undefined;
  return { file, existed: loaded !== undefined, text, line: node?.range ? lines.linePos(node.range[0]).line : 1, replaced };
}
