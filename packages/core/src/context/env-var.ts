import { TsdbtError } from '../diagnostics/diagnostic.js';

/** Env vars read while parsing, so partial parsing can tell when one changed (dbt tracks them the same way). */
let recorder: Map<string, string | null> | undefined;

export function recordEnvVars(into: Map<string, string | null> | undefined): void {
  recorder = into;
}

/** dbt's env_var(name, default): a missing variable without a default is an error naming it. */
export function makeEnvVar(env: NodeJS.ProcessEnv = process.env) {
  return (name: string, fallback?: unknown): unknown => {
    const value = env[name];
    recorder?.set(name, value ?? null);
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw new TsdbtError('TSDBT_ENV_VAR_MISSING', `Env var required but not provided: '${name}'`, {
      hint: `Set it (export ${name}=...) or give env_var('${name}', 'default') a default.`,
    });
  };
}
