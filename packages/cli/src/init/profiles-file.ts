import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import { Document, isMap, parseDocument } from 'yaml';

/** A profile as profiles.yml holds it: the default target and its outputs. */
export interface ProfileEntry {
  target: string;
  outputs: Record<string, Record<string, unknown>>;
}

/** profiles.yml as a YAML document (comments kept); a file that does not parse is never rewritten. */
function load(path: string): Document | undefined {
  if (!existsSync(path)) return undefined;
  const doc = parseDocument(readFileSync(path, 'utf8'));
  const problem = doc.errors[0];
  if (problem) {
    throw new TsdbtError('TSDBT_PROFILES_INVALID', `${path} is not valid YAML: ${problem.message.split('\n')[0]}`, {
      exitCode: 2,
      line: problem.linePos?.[0]?.line,
      column: problem.linePos?.[0]?.col,
      hint: 'Fix the file; tsdbt init leaves it as it is.',
    });
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new TsdbtError('TSDBT_PROFILES_INVALID', `${path} must be a mapping of profile names to profiles`, {
      exitCode: 2,
      hint: 'Each top-level key of profiles.yml names a profile.',
    });
  }
  return doc;
}

/** Whether profiles.yml at `path` has a profile named `name` (an empty or comment-only file has none). */
export function hasProfile(path: string, name: string): boolean {
  const doc = load(path);
  return !!doc && isMap(doc.contents) && doc.has(name);
}

/**
 * Writes (or replaces) one profile in profiles.yml, keeping the file's other profiles and comments. A new file is
 * made readable by its owner only: it may hold a password.
 */
export function writeProfile(path: string, name: string, profile: ProfileEntry): void {
  const doc = load(path);
  if (!doc) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, new Document({ [name]: profile }).toString(), { mode: 0o600 });
    return;
  }
  // An empty or comment-only file: its comments stay above the new mapping.
  if (doc.contents === null) (doc as Document).contents = doc.createNode({});
  doc.set(name, doc.createNode(profile));
  // profiles.yml holds every credential the user has: a temporary file with the original's permissions, renamed
  // over it, so a crash mid-write never leaves it cut short.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, doc.toString(), { mode: statSync(path).mode & 0o777 });
  renameSync(temporary, path);
}
