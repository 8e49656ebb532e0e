import { TsdbtError } from '@tsdbt/core';

const EXPRESSION = /\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]*)\3\s*)?\)\s*(?:\|\s*(as_number|as_text|as_bool|int|string)\s*)?\}\}/g;

/**
 * Renders `{{ env_var('NAME', 'default') }}` (with an optional as_number/int/as_bool filter) inside a config string,
 * as dbt does, without the template compiler: ingest must not depend on it. A whole-value expression with a number
 * filter yields a number. Anything else between braces is an error naming the file and line.
 */
export function renderEnvVars(value: string, where: { file: string; line?: number; key: string }): string | number | boolean {
  let filter: string | undefined;
  const whole = value.trim().match(/^\{\{[^}]*\}\}$/) !== null;
  const rendered = value.replace(EXPRESSION, (_m, _q, name: string, _q2, fallback: string | undefined, f?: string) => {
    filter = f;
    const env = process.env[name];
    if (env !== undefined) return env;
    if (fallback !== undefined) return fallback;
    throw new TsdbtError('TSDBT_ENV_VAR_MISSING', `Env var required but not provided: '${name}' (${where.key})`, {
      file: where.file,
      line: where.line,
      exitCode: 2,
      hint: `Set ${name} in the environment or give env_var('${name}', 'default').`,
    });
  });
  if (/\{\{|\{%/.test(rendered)) {
    throw new TsdbtError('TSDBT_INGEST_CONFIG_INVALID', `Only env_var() may be templated in ingest config (${where.key})`, {
      file: where.file,
      line: where.line,
      exitCode: 2,
    });
  }
  if (whole && (filter === 'as_number' || filter === 'int')) return Number(rendered);
  if (whole && filter === 'as_bool') return rendered.toLowerCase() === 'true';
  return rendered;
}

/** Renders env_var() in every string of a YAML value. */
export function renderDeep(value: unknown, where: { file: string; key: string; lineOf?: (path: (string | number)[]) => number | undefined }, path: (string | number)[] = []): unknown {
  if (typeof value === 'string') return renderEnvVars(value, { file: where.file, key: path.join('.') || where.key, line: where.lineOf?.(path) });
  if (Array.isArray(value)) return value.map((v, i) => renderDeep(v, where, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, where, [...path, k])]));
  }
  return value;
}
