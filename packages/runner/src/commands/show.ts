import { sqlBody } from '@tsdbt/core';
import { TsdbtError } from '@tsdbt/core';
import type { QueryResult } from '@tsdbt/core';
import { compileNode, parseProject, renderSql } from '../core-api.js';
import type { ParseOptions } from '../core-api.js';
import { buildPlan } from '../plan.js';

export interface ShowOptions extends ParseOptions {
  select?: string[];
  inline?: string;
  /** Rows to preview (dbt's default 5; -1 for all). */
  limit?: number;
}

export interface ShowResult {
  name: string;
  sql: string;
  result: QueryResult;
}

/** dbt's `show`: compile one node (or `--inline` SQL), run it with a limit, return the rows. */
export async function show(options: ShowOptions): Promise<ShowResult> {
  const project = await parseProject(options);
  const conn = await project.adapter.connect(project.target);
  try {
    const runtime = { execute: true, connection: conn, which: 'show' };
    let name = 'inline';
    let sql: string;
    if (options.inline !== undefined) {
      sql = await renderSql(project, options.inline, runtime, 'inline');
    } else {
      if (!options.select?.length) throw new TsdbtError('TSDBT_SHOW_USAGE', 'show needs --select NODE or --inline SQL', { exitCode: 2 });
      const plan = await buildPlan(project.manifest, 'build', { select: options.select, resourceTypes: ['model', 'seed', 'snapshot', 'test', 'analysis'] });
      const id = plan.ids.find((i) => plan.nodes.get(i)?.resource_type !== 'test') ?? plan.ids[0];
      if (!id) throw new TsdbtError('TSDBT_SHOW_NOTHING', `No node matches --select ${options.select.join(' ')}`, { exitCode: 2 });
      name = plan.nodes.get(id)!.name;
      sql = await compileNode(project, id, runtime);
    }
    const limit = options.limit ?? 5;
    const body = sqlBody(sql);
    const result = await conn.execute(limit < 0 ? body : `select * from (\n${body}\n) as dbt_show_subquery limit ${Math.floor(limit)}`);
    return { name, sql, result };
  } finally {
    await conn.close();
  }
}
