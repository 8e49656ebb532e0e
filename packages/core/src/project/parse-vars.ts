import { TsdbtError } from '../diagnostics/diagnostic.js';
import { isRecord, parseYaml } from '../util/yaml-file.js';

/** `--vars` as YAML or JSON (JSON is YAML); must be a mapping. Bad input is a usage error (exit 2). */
export function parseVars(vars: string | Record<string, unknown> | undefined): Record<string, unknown> {
  if (vars === undefined || vars === '') return {};
  if (typeof vars !== 'string') return vars;
  let parsed: unknown;
  try {
    parsed = parseYaml(vars, '--vars');
  } catch (cause) {
    throw new TsdbtError('TSDBT_BAD_VARS', `--vars is not valid YAML or JSON: ${(cause as Error).message}`, {
      exitCode: 2,
      cause,
      hint: `Pass a mapping, e.g. --vars '{"start_date": "2024-01-01"}' or --vars 'start_date: 2024-01-01'.`,
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isRecord(parsed))
    throw new TsdbtError('TSDBT_BAD_VARS', '--vars must be a mapping of names to values', {
      exitCode: 2,
      hint: `For example --vars '{start_date: 2024-01-01}'.`,
    });
  return parsed;
}
