import { existsSync, readFileSync } from 'node:fs';

/** An artifact another command wrote (sources.json, run_results.json ...): undefined when absent, `invalid(cause)` thrown when it is not JSON. */
export function readJsonFile<T>(file: string, invalid: (cause: unknown) => Error): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw invalid(cause);
  }
}
