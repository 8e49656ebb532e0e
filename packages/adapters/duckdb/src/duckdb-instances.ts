import { DuckDBInstance } from './duckdb-api.js';

interface Entry {
  instance: Promise<DuckDBInstance>;
  users: number;
}

/**
 * One DuckDB instance per database file per process (DuckDB allows one writer process per file), shared by every
 * thread's connection; closed when its last connection closes, so the file lock is released for the next process.
 */
const open = new Map<string, Entry>();

export async function acquireInstance(path: string, settings: Record<string, string>): Promise<DuckDBInstance> {
  let entry = open.get(path);
  if (!entry) {
    entry = { instance: DuckDBInstance.create(path, { ...settings }), users: 0 };
    open.set(path, entry);
    entry.instance.catch(() => open.delete(path));
  }
  entry.users++;
  try {
    return await entry.instance;
  } catch (error) {
    entry.users--;
    throw error;
  }
}

/** Whether one connection (the caller's) is all that keeps `path` open: closing it closes the instance. */
export function lastUser(path: string): boolean {
  return open.get(path)?.users === 1;
}

export async function releaseInstance(path: string): Promise<void> {
  const entry = open.get(path);
  if (!entry) return;
  entry.users--;
  if (entry.users > 0) return;
  open.delete(path);
  (await entry.instance).closeSync();
}
