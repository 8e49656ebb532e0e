import { loadIngestConfig } from './config/load-ingest-config.js';
import { openDestination } from './destination/destination.js';
import { decodeValue } from './pipeline/values.js';
import { cursorText } from './pipeline/values.js';
import { LOADS_TABLE, STATE_TABLE } from './state/state-store.js';

export interface IngestStatus {
  destination: string;
  loads: { loadId: string; table: string; sourceTable: string; writeDisposition: string; rows: number; startedAt: string; finishedAt: string; status: string; error: string | null }[];
  cursors: { table: string; sourceTable: string; cursor: string; lastValue: string; boundaryRows: number; loadId: string; updatedAt: string }[];
}

/** `tsdbt ingest --status`: the last loads and the committed cursor state, read from the destination. */
export async function ingestStatus(options: { projectDir: string; configPath?: string; profilesDir?: string; target?: string; limit?: number }): Promise<IngestStatus> {
  const config = loadIngestConfig(options.configPath ?? 'ingest.yml', options.projectDir);
  const dest = await openDestination({ projectDir: options.projectDir, profilesDir: options.profilesDir, target: options.target ?? config.destination.target, profile: config.destination.profile, schema: config.destination.schema });
  const conn = await dest.connect();
  const d = dest.dialect;
  try {
    const status: IngestStatus = { destination: dest.schema, loads: [], cursors: [] };
    if (await conn.getRelation(dest.relation(LOADS_TABLE))) {
      const r = await conn.execute(`SELECT load_id, table_name, source_table, write_disposition, rows_loaded, started_at, finished_at, status, error
        FROM ${d.renderRelation(dest.relation(LOADS_TABLE))} ORDER BY started_at DESC, table_name LIMIT ${options.limit ?? 20}`);
      status.loads = r.rows.map((x) => ({ loadId: String(x[0]), table: String(x[1]), sourceTable: String(x[2]), writeDisposition: String(x[3]), rows: Number(x[4]),
        startedAt: String(x[5]), finishedAt: String(x[6]), status: String(x[7]), error: x[8] === null ? null : String(x[8]) }));
    }
    if (await conn.getRelation(dest.relation(STATE_TABLE))) {
      const r = await conn.execute(`SELECT table_name, source_table, cursor_column, last_value, boundary_keys, load_id, updated_at
        FROM ${d.renderRelation(dest.relation(STATE_TABLE))} ORDER BY table_name`);
      status.cursors = r.rows.map((x) => ({ table: String(x[0]), sourceTable: String(x[1]), cursor: String(x[2]), lastValue: cursorText(decodeValue(JSON.parse(String(x[3])))),
        boundaryRows: (JSON.parse(String(x[4] ?? '[]')) as unknown[]).length, loadId: String(x[5]), updatedAt: String(x[6]) }));
    }
    return status;
  } finally {
    await conn.close();
  }
}
