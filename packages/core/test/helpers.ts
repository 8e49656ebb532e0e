import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { isTsdbtError, parseProject, type Diagnostic, type ParseOptions } from '@tsdbt/core';

export const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/projects/${name}`, import.meta.url));
export const sharedProfiles = fixture('core_profiles');

// Every target folder made for the importing test file, removed once its tests are done (the hook registers when the
// file imports this module, and each test file gets a module of its own).
const targets: string[] = [];
afterAll(() => {
  for (const dir of targets.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempTarget(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-core-'));
  targets.push(dir);
  return dir;
}

/** Parses a fixture with the shared profile and a throwaway target folder. */
export function parseFixture(name: string, options: ParseOptions = {}) {
  return parseProject({ projectDir: fixture(name), profilesDir: sharedProfiles, targetPath: tempTarget(), ...options });
}

/** The diagnostics of a parse that must fail. */
export async function parseErrors(name: string, options: ParseOptions = {}): Promise<{ code: string; exitCode: number; diagnostics: Diagnostic[] }> {
  try {
    await parseFixture(name, options);
  } catch (error) {
    if (isTsdbtError(error)) return { code: error.code, exitCode: error.exitCode, diagnostics: error.diagnostics };
    throw error;
  }
  throw new Error(`parsing ${name} did not fail`);
}
