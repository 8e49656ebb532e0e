import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirs } from '@tsdbt/core';
import type { SourceDefinition } from '@tsdbt/core';
import { parseProject } from '../core-api.js';
import type { ParseOptions } from '../core-api.js';

interface Threshold {
  count?: number | null;
  period?: 'minute' | 'hour' | 'day' | null;
}
interface Freshness {
  warn_after?: Threshold | null;
  error_after?: Threshold | null;
  filter?: string | null;
}

export interface FreshnessResult {
  uniqueId: string;
  name: string;
  status: 'pass' | 'warn' | 'error' | 'runtime error';
  maxLoadedAt: string | null;
  snapshottedAt: string;
  ageSeconds: number | null;
  message?: string;
  criteria: Freshness;
}

const PERIOD_SECONDS = { minute: 60, hour: 3600, day: 86400 } as const;

function seconds(t: Threshold | null | undefined): number | undefined {
  if (!t?.count || !t.period) return undefined;
  return t.count * PERIOD_SECONDS[t.period];
}

/** Timestamps come back as text; DuckDB's TIMESTAMP has no zone, so it is read as UTC (dbt does the same). */
function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const text = String(v).replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/u.test(text) ? text : `${text}Z`);
}

export function freshnessStatus(age: number | null, f: Freshness): FreshnessResult['status'] {
  const err = seconds(f.error_after);
  const warn = seconds(f.warn_after);
  if (age === null) return err !== undefined ? 'error' : warn !== undefined ? 'warn' : 'pass';
  if (err !== undefined && age > err) return 'error';
  if (warn !== undefined && age > warn) return 'warn';
  return 'pass';
}

/** dbt's `source freshness`: max(loaded_at_field) per source with a freshness config; writes target/sources.json. */
export async function sourceFreshness(options: ParseOptions & { select?: string[]; writeJson?: boolean }): Promise<{ results: FreshnessResult[]; path: string; exitCode: number }> {
  const started = Date.now();
  const project = await parseProject(options);
  const { dialect } = project;
  const sources = Object.values(project.manifest.sources).filter((s: SourceDefinition) => {
    const f = s.freshness as Freshness | null;
    return s.loaded_at_field && f && (f.warn_after?.count || f.error_after?.count) && (!options.select?.length || options.select.some((x) => [s.name, s.source_name, `source:${s.source_name}`, `source:${s.source_name}.${s.name}`].includes(x)));
  });
  const conn = await project.adapter.connect(project.target);
  const results: FreshnessResult[] = [];
  try {
    for (const s of sources) {
      const f = s.freshness as Freshness;
      const rel = dialect.renderRelation({ database: s.database ?? undefined, schema: s.schema, identifier: s.identifier });
      // The warehouse clock as dbt reads it for freshness (Snowflake: UTC whatever the session's TIMEZONE, compared with
      // a zone-less loaded_at_field taken as UTC).
      const sql = `select max(${s.loaded_at_field}) as max_loaded_at, ${dialect.snapshotTime()} as snapshotted_at from ${rel}${f.filter ? ` where ${f.filter}` : ''}`;
      try {
        const [max, now] = (await conn.execute(sql)).rows[0] ?? [null, null];
        const snapshotted = toDate(now) ?? new Date();
        const loaded = toDate(max);
        const age = loaded ? (snapshotted.getTime() - loaded.getTime()) / 1000 : null;
        results.push({ uniqueId: s.unique_id, name: `${s.source_name}.${s.name}`, status: freshnessStatus(age, f), maxLoadedAt: loaded?.toISOString() ?? null, snapshottedAt: snapshotted.toISOString(), ageSeconds: age, criteria: f });
      } catch (error) {
        results.push({ uniqueId: s.unique_id, name: `${s.source_name}.${s.name}`, status: 'runtime error', maxLoadedAt: null, snapshottedAt: new Date().toISOString(), ageSeconds: null, message: (error as Error).message, criteria: f });
      }
    }
  } finally {
    await conn.close();
  }
  const path = join(project.targetPath, 'sources.json');
  if (options.writeJson !== false) makeDirs(project.targetPath);
  const file = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', generated_at: new Date().toISOString(), invocation_id: project.invocationId ?? null, env: {} },
    results: results.map((r) => ({
      unique_id: r.uniqueId, max_loaded_at: r.maxLoadedAt, snapshotted_at: r.snapshottedAt, max_loaded_at_time_ago_in_s: r.ageSeconds, status: r.status,
      criteria: r.criteria, adapter_response: {}, timing: [], thread_id: 'Thread-1', execution_time: 0, ...(r.message ? { error: r.message } : {}),
    })),
    elapsed_time: (Date.now() - started) / 1000,
  };
  // --no-write-json: dbt writes no sources.json.
  if (options.writeJson !== false) await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
  const exitCode = results.some((r) => r.status === 'error' || r.status === 'runtime error') ? 1 : 0;
  return { results, path, exitCode };
}
