import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import { starterFiles } from './starter-project.js';

/** The error for a project folder that is already there: init never writes into it. */
export function folderExists(dir: string, name: string): TsdbtError {
  return new TsdbtError('TSDBT_INIT_FOLDER_EXISTS', `A folder named '${name}' already exists: ${dir}`, {
    exitCode: 2,
    hint: `Choose another name, or run 'tsdbt init' inside '${name}' to set up the profile of the project there.`,
  });
}

/**
 * Writes the starter project into a new folder `dir`. The folder is made without `recursive`, and each file with
 * the `wx` flag, so that a folder that appeared meanwhile is an error, never overwritten.
 */
export function createProject(dir: string, name: string, profileName: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw folderExists(dir, name);
    throw error;
  }
  for (const [file, text] of Object.entries(starterFiles(name, profileName))) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text.replace(/^\n/, ''), { flag: 'wx' });
  }
}
