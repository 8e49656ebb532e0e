import { sqlBody } from '@tsdbt/core';
import type { ManifestNode } from '@tsdbt/core';
import { TsdbtError } from '@tsdbt/core';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { fixtureRows, resolveInput, rowsSql } from './unit-test-inputs.js';
import type { Fixture } from './unit-test-inputs.js';

type UnitTestNode = ManifestNode & { given?: Fixture[]; expect?: Fixture; overrides?: { macros?: Record<string, unknown>; vars?: Record<string, unknown> } };

const text = (v: unknown): string => (v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Rows as sorted lines of text over the given columns, so actual and expected compare as multisets. */
function lines(rows: unknown[][]): string[] {
  return rows.map((r) => r.map(text).join(' | ')).sort();
}

/** dbt's unit test: the model's SQL runs against the `given` rows (refs overridden), compared with `expect`. */
export async function runUnitTest(ctx: NodeContext): Promise<MaterializeOutcome> {
  const node = ctx.node as UnitTestNode;
  const file = node.original_file_path;
  const { dialect, conn, manifest } = ctx;
  if (!manifest || !ctx.compileOther) throw new TsdbtError('TSDBT_UNIT_TEST_UNSUPPORTED', 'Unit tests need the project manifest', { file });
  const model = node.depends_on.nodes.find((id) => id.startsWith('model.'));
  if (!model) throw new TsdbtError('TSDBT_UNIT_TEST_INPUT', `Unit test '${node.name}' names no model`, { file });
  const refOverrides = new Map<string, string>();
  for (const given of node.given ?? []) {
    const input = resolveInput(manifest, String(given.input ?? ''), file);
    const columns = input.relation && (await conn.getRelation(input.relation)) ? await conn.getColumns(input.relation) : undefined;
    const sql = given.format === 'sql' ? String(given.rows) : rowsSql(dialect, fixtureRows(given, file), columns);
    refOverrides.set(input.uniqueId, `(\n${sql}\n)`);
  }
  const macros = node.overrides?.macros ?? {};
  const macroOverrides = Object.fromEntries(Object.entries(macros).filter(([k]) => k !== 'is_incremental').map(([k, v]) => [k, text(v)]));
  const modelSql = await ctx.compileOther(model, { refOverrides, varOverrides: node.overrides?.vars, macroOverrides, isIncremental: macros.is_incremental === true });
  const expectedRows = fixtureRows(node.expect ?? {}, file);
  const expectedCols = [...new Set(expectedRows.flatMap((r) => Object.keys(r)))];
  // dbt writes both files for a unit test: compiled is the model over its fixtures, run the statement that ran.
  ctx.compiled?.(modelSql);
  const actualSql = `select ${expectedCols.length ? expectedCols.map((c) => dialect.quote(c)).join(', ') : '*'} from (\n${sqlBody(modelSql)}\n) dbt_internal_unit_test_actual`;
  ctx.main?.(actualSql);
  const actual = await conn.execute(actualSql);
  const cols = actual.columns.map((c) => c.name);
  const expected = expectedRows.map((r) => cols.map((c) => r[Object.keys(r).find((k) => k.toLowerCase() === c.toLowerCase()) ?? c] ?? null));
  const want = lines(expected);
  const got = lines(actual.rows);
  if (want.join('\n') === got.join('\n')) return { message: 'PASS', status: 'pass', failures: 0, compiledCode: modelSql };
  const missing = want.filter((l) => !got.includes(l)).map((l) => `- ${l}`);
  const extra = got.filter((l) => !want.includes(l)).map((l) => `+ ${l}`);
  const message = `actual differs from expected:\n  ${cols.join(' | ')}\n  ${[...missing, ...extra].join('\n  ')}`;
  return { message, status: 'fail', failures: Math.max(missing.length + extra.length, 1), compiledCode: modelSql };
}
