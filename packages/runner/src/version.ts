import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The runner's package version, written into artifacts as `dbt_version`. */
export function runnerVersion(): string {
  if (!cached) {
    try {
      cached = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
