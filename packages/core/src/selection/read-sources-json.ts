import { join } from 'node:path';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import { readJsonFile } from '../util/read-json-file.js';
import type { SourcesLike } from './types.js';

/** The sources.json `source freshness` wrote under a target folder, when there (for `source_status:`). */
export function readSourcesJson(targetPath: string): SourcesLike | undefined {
  const file = join(targetPath, 'sources.json');
  return readJsonFile<SourcesLike>(file, (cause) =>
    new TsdbtError('TSDBT_STATE_INVALID', `${file} is not valid JSON`, { cause, exitCode: 2, file, hint: 'Run `tsdbt source freshness` again to rewrite it.' }));
}
