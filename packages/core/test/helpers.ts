import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTsdbtError, parseProject, type Diagnostic, type ParseOptions } from '@tsdbt/core';

export const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/projects/${name}`, import.meta.url));
export const sharedProfiles = fixture('core_profiles');

export function tempTarget(): string {
  return mkdtempSync(join(tmpdir(), 'tsdbt-core-'));
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
