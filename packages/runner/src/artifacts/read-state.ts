import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJsonFile, TsdbtError } from '@tsdbt/core';
import type { Manifest, RunResultsLike, SourcesLike } from '@tsdbt/core';

export interface StateArtifacts {
  /** manifest.json, for `state:` and `--defer`. */
  state?: Manifest;
  /** run_results.json, for `result:`. */
  previousResults?: RunResultsLike;
  /** sources.json, for `source_status:`. */
  previousSources?: SourcesLike;
}

const NAMES = ['manifest.json', 'run_results.json', 'sources.json'];

/** `--state DIR` (or $DBT_STATE): the artifacts of an earlier run that are there; at least one must be. */
export function readState(dir: string): StateArtifacts {
  const folder = resolve(dir);
  if (!NAMES.some((name) => existsSync(join(folder, name)))) {
    throw new TsdbtError('TSDBT_STATE_NOT_FOUND', `--state ${dir}: no manifest.json, run_results.json or sources.json there`, {
      exitCode: 2,
      hint: 'Point --state at the target folder of an earlier run.',
    });
  }
  const read = (name: string): unknown => {
    const file = join(folder, name);
    return readJsonFile(file, (cause) => new TsdbtError('TSDBT_STATE_INVALID', `--state ${dir}: ${name} is not valid JSON`, { cause, exitCode: 2, file }));
  };
  return {
    state: read('manifest.json') as Manifest | undefined,
    previousResults: read('run_results.json') as RunResultsLike | undefined,
    previousSources: read('sources.json') as SourcesLike | undefined,
  };
}
