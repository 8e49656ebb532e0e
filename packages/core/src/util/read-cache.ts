import { readFileSync } from 'node:fs';

/**
 * Input files read once per parse: the partial-parse hashing reads every file, and a full parse then needs the same
 * model text. Small files read for hashing are kept here until the parse takes them (or drops them).
 */
const kept = new Map<string, Buffer>();
const KEEP_MAX = 256 * 1024;

/** Reads a file for hashing and keeps its bytes for a later readText of the same path. */
export function readForHash(path: string): Buffer {
  const buf = readFileSync(path);
  if (buf.length <= KEEP_MAX) kept.set(path, buf);
  return buf;
}

/** The file's text: from the bytes read for hashing in this parse if there are any, else from disk. */
export function readText(path: string): string {
  const buf = kept.get(path);
  if (buf === undefined) return readFileSync(path, 'utf8');
  kept.delete(path);
  return buf.toString('utf8');
}

/** Forgets every kept file (end of a parse, or a reused parse that reads nothing). */
export function dropKeptFiles(): void {
  kept.clear();
}
