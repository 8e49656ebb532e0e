import { basename, extname, isAbsolute, resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import type { AdapterConfigContext, TargetConfig } from '@tsdbt/core';

/** A DuckDB profile output, parsed and frozen. `path` is absolute (or `:memory:`). */
export interface DuckDbConfig extends TargetConfig {
  type: 'duckdb';
  path: string;
  /** Options passed to DuckDB when the database opens (`SET` names, values as text). */
  settings: Readonly<Record<string, string>>;
}

const KNOWN_KEYS = new Set(['type', 'path', 'schema', 'database', 'threads', 'settings', 'extensions']);

function configError(key: string, message: string, targetName: string): TsdbtError {
  return new TsdbtError('TSDBT_PROFILE_INVALID', `profiles.yml target '${targetName}': '${key}' ${message}`, {
    exitCode: 2,
    hint: `Fix '${key}' in the duckdb output of target '${targetName}'.`,
  });
}

/** The catalog name DuckDB gives an attached file: its base name without the extension; `memory` in memory. */
export function catalogNameForPath(path: string): string {
  if (path === ':memory:' || path.startsWith(':memory:')) return 'memory';
  const base = basename(path);
  return base.slice(0, base.length - extname(base).length);
}

function parseSettings(raw: unknown, targetName: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw configError('settings', 'must be a mapping of DuckDB settings', targetName);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || typeof v === 'object') throw configError(`settings.${k}`, 'must be a string, number or boolean', targetName);
    out[k] = String(v);
  }
  return out;
}

function parseThreads(raw: unknown, targetName: string): number {
  if (raw === undefined || raw === null) return 1;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw configError('threads', 'must be a positive integer', targetName);
  return n;
}

function parseString(raw: unknown, key: string, fallback: string, targetName: string): string {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'string' || raw.trim() === '') throw configError(key, 'must be a non-empty string', targetName);
  return raw;
}

/** Validate a profile output of `type: duckdb` (dbt-duckdb's keys). Errors name the key and exit 2. */
export function parseDuckDbConfig(raw: Record<string, unknown>, targetName: string, context: AdapterConfigContext): DuckDbConfig {
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) throw configError(key, `is not a duckdb setting (known: ${[...KNOWN_KEYS].join(', ')})`, targetName);
  }
  if (raw.type !== undefined && raw.type !== 'duckdb') throw configError('type', "must be 'duckdb'", targetName);
  const rawPath = parseString(raw.path, 'path', ':memory:', targetName);
  const path = rawPath.startsWith(':memory:') || isAbsolute(rawPath) ? rawPath : resolve(context.projectDir, rawPath);
  const catalog = catalogNameForPath(path);
  const database = parseString(raw.database, 'database', catalog, targetName);
  if (database !== catalog) {
    throw configError('database', `is '${database}' but DuckDB names the catalog of path '${rawPath}' '${catalog}'`, targetName);
  }
  return Object.freeze({
    type: 'duckdb' as const,
    name: targetName,
    path,
    schema: parseString(raw.schema, 'schema', 'main', targetName),
    database,
    threads: parseThreads(raw.threads, targetName),
    settings: Object.freeze(parseSettings(raw.settings, targetName)),
  });
}
