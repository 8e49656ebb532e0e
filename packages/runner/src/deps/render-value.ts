import { TsdbtError } from '@tsdbt/core';

const CALL = /\{\{\s*(env_var|var)\(\s*(['"])([^'"]+)\2\s*(?:,\s*(['"])([^'"]*)\4\s*)?\)\s*\}\}/g;

/**
 * packages.yml values as dbt renders them: `{{ env_var('NAME') }}` (a private repository's token) and
 * `{{ var('name') }}`, with an optional default. Other Jinja in packages.yml is left as written.
 */
export function renderValue(value: string, vars: Record<string, unknown>, file: string): string {
  if (!value.includes('{{')) return value;
  return value.replace(CALL, (_m, fn: string, _q, name: string, _q2, fallback: string | undefined) => {
    const found = fn === 'env_var' ? process.env[name] : vars[name];
    if (found !== undefined && found !== null) return String(found);
    if (fallback !== undefined) return fallback;
    throw new TsdbtError('TSDBT_ENV_VAR_MISSING', `${fn}('${name}') in ${file} is not set and has no default`, {
      file,
      exitCode: 2,
      hint: fn === 'env_var' ? `Set the environment variable ${name}.` : `Pass --vars '{${name}: ...}'.`,
    });
  });
}
