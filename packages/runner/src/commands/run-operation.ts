import { callMacro, parseProject } from '../core-api.js';
import type { ParseOptions } from '../core-api.js';

export interface RunOperationOptions extends ParseOptions {
  macro: string;
  args?: Record<string, unknown>;
}

/** dbt's `run-operation`: call one macro with a live connection; what it returns is handed back. */
export async function runOperation(options: RunOperationOptions): Promise<{ value: unknown; seconds: number }> {
  const started = Date.now();
  const project = await parseProject(options);
  const conn = await project.adapter.connect(project.target);
  try {
    const value = await callMacro(project, options.macro, options.args ?? {}, { execute: true, connection: conn, which: 'run-operation' });
    return { value, seconds: (Date.now() - started) / 1000 };
  } finally {
    await conn.close();
  }
}
