import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import type { Manifest } from '@tsdbt/core';

/** `--state DIR`: the manifest.json of an earlier run. */
export function readState(dir: string): Manifest {
  const file = join(resolve(dir), 'manifest.json');
  if (!existsSync(file)) throw new TsdbtError('TSDBT_STATE_NOT_FOUND', `--state ${dir}: no manifest.json there`, { exitCode: 2, hint: 'Point --state at the target folder of an earlier run.' });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (cause) {
    throw new TsdbtError('TSDBT_STATE_INVALID', `--state ${dir}: manifest.json is not valid JSON`, { cause, exitCode: 2 });
  }
}
