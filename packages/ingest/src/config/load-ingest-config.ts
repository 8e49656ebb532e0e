import { isAbsolute, relative, resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import type { Diagnostic } from '@tsdbt/core';
import { renderDeep } from './render-env-var.js';
import { ingestSchema } from './ingest-schema.js';
import type { RawIngestConfig, RawTableEntry } from './ingest-schema.js';
import type { IngestConfig, SourceConfig, TableSpec } from './types.js';
import { readYamlFile } from './yaml-lines.js';

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Reads and validates ingest.yml once, at the boundary: every problem is reported with its key path and line. */
export function loadIngestConfig(configPath: string, projectDir: string): IngestConfig {
  const absolute = isAbsolute(configPath) ? configPath : resolve(projectDir, configPath);
  const file = relative(projectDir, absolute) || absolute;
  const yaml = readYamlFile(absolute, file);
  const rendered = renderDeep(yaml.data, { file, key: '', lineOf: yaml.lineOf });
  const parsed = ingestSchema.safeParse(rendered);
  if (!parsed.success) {
    const diagnostics: Diagnostic[] = parsed.error.issues.map((issue) => ({
      code: 'TSDBT_INGEST_CONFIG_INVALID',
      severity: 'error',
      message: `${issue.path.join('.') || '(root)'}: ${issue.message}`,
      file,
      line: yaml.lineOf(issue.path as (string | number)[]),
    }));
    throw new TsdbtError('TSDBT_INGEST_CONFIG_INVALID', diagnostics[0]!.message, { diagnostics, exitCode: 2 });
  }
  const raw = parsed.data;
  const tables = raw.tables.map((entry, i) => tableSpec(entry, raw, file, yaml.lineOf(['tables', i])));
  return Object.freeze({
    file,
    projectDir,
    source: sourceConfig(raw, projectDir),
    destination: raw.destination,
    naming: raw.naming,
    parallelism: raw.parallelism,
    chunkSize: raw.chunk_size,
    retries: { attempts: raw.retries.attempts, backoffMs: raw.retries.backoff_ms },
    tables,
  });
}

function sourceConfig(raw: RawIngestConfig, projectDir: string): SourceConfig {
  const s = raw.source;
  if (s.type === 'duckdb') return { type: 'duckdb', path: isAbsolute(s.path) ? s.path : resolve(projectDir, s.path) };
  return {
    type: 'mssql', server: s.server, port: s.port, database: s.database, user: s.user, password: s.password,
    encrypt: s.encrypt, trustServerCertificate: s.trust_server_certificate, connectionTimeoutMs: s.connection_timeout,
    requestTimeoutMs: s.request_timeout, packetSize: s.packet_size,
  };
}

function tableSpec(entry: RawTableEntry, raw: RawIngestConfig, file: string, line: number | undefined): TableSpec {
  const e = entry;
  const invalid = (message: string) => new TsdbtError('TSDBT_INGEST_CONFIG_INVALID', message, { file, line, exitCode: 2 });
  if (!e.name === !e.schema) throw invalid("each table entry needs exactly one of 'name' (Schema.Table) or 'schema' (a whole source schema)");
  const spec: TableSpec = {
    name: e.name,
    schema: e.schema,
    destinationName: e.table_name,
    writeDisposition: e.write_disposition ?? raw.defaults.write_disposition ?? 'replace',
    primaryKey: asList(e.primary_key),
    cursor: e.cursor,
    initialValue: e.initial_value,
    lag: e.lag ?? 0,
    include: e.include,
    exclude: e.exclude ?? [],
    schemaContract: e.schema_contract ?? raw.defaults.schema_contract ?? 'evolve',
    line,
  };
  if (e.table_name && e.schema) throw invalid("'table_name' applies to one table, not a whole schema");
  return spec;
}
