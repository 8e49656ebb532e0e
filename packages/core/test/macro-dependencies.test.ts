import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProject } from '@tsdbt/core';

const root = resolve(import.meta.dirname, '../../..');
const BIN = join(root, 'packages/cli/bin/tsdbt.js');
const built = existsSync(join(root, 'packages/cli/dist/commands/ls.js'));

const FILES: Record<string, string> = {
  'dbt_project.yml': 'name: shop\nversion: "1.0"\nprofile: shop\n',
  'profiles.yml': 'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n',
  'macros/money.sql': [
    "{% macro cents_to_dollars(col) %}{{ dbt.safe_cast(col ~ ' / 100', api.Column.translate_type('numeric')) }}{% endmacro %}",
    "{% macro pick(x) %}{{ return(adapter.dispatch('pick', 'shop')(x)) }}{% endmacro %}",
    '{% macro default__pick(x) %}{{ x }}{% endmacro %}',
    '{% macro duckdb__pick(x) %}{{ cents_to_dollars(x) }}{% endmacro %}',
    '{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} < 0{% endtest %}',
  ].join('\n'),
  'models/orders.sql': [
    '{% macro local_helper() %}{{ pick("amount") }}{% endmacro %}',
    "select {{ cents_to_dollars('amount_cents') }} as amount, {{ local_helper() }} as picked",
    "{% if is_incremental() %}where 1 = 1{% endif %}",
  ].join('\n'),
  'models/plain.sql': 'select 1 as id',
  'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: amount\n        tests: [not_null, positive]\n',
};

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-macro-deps-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('depends_on.macros, as dbt fills it', async () => {
  const dir = project();
  dirs.push(dir);
  const { manifest } = await parseProject({ projectDir: dir, profilesDir: dir, targetPath: join(dir, 'target') });
  const macrosOf = (id: string) => ((manifest.macros[id] as { depends_on: { macros: string[] } }).depends_on.macros);

  it('a model lists the macros its template calls itself, in call order, not those called inside them', () => {
    // pick() is called from a macro the model defines for itself, which is not a project macro: it counts as the
    // model's own call, as in dbt; safe_cast and the dispatched duckdb__pick are calls made inside macros.
    expect(manifest.nodes['model.shop.orders']!.depends_on.macros).toEqual(['macro.shop.cents_to_dollars', 'macro.shop.pick', 'macro.dbt.is_incremental']);
    expect(manifest.nodes['model.shop.plain']!.depends_on.macros).toEqual([]);
  });

  it('a generic test lists its test macro and get_where_subquery', () => {
    const tests = Object.values(manifest.nodes).filter((n) => n.resource_type === 'test');
    expect(Object.fromEntries(tests.map((t) => [t.test_metadata!.name, t.depends_on.macros]))).toEqual({
      not_null: ['macro.dbt.test_not_null', 'macro.dbt.get_where_subquery'],
      positive: ['macro.shop.test_positive', 'macro.dbt.get_where_subquery'],
    });
  });

  it("a macro lists what its body calls, with adapter.dispatch resolved to this adapter's macro", () => {
    expect(macrosOf('macro.shop.cents_to_dollars')).toEqual(['macro.dbt.safe_cast']);
    expect(macrosOf('macro.shop.pick')).toEqual(['macro.shop.duckdb__pick']);
    expect(macrosOf('macro.shop.duckdb__pick')).toEqual(['macro.shop.cents_to_dollars']);
    expect(macrosOf('macro.shop.default__pick')).toEqual([]);
  });

  it.skipIf(!built)('state:modified selects a model whose macro changed, through the macro chain (needs `npm run build`)', async () => {
    const work = project();
    dirs.push(work);
    const before = await parseProject({ projectDir: work, profilesDir: work, targetPath: join(work, 'target') });
    mkdirSync(join(work, 'prod'));
    writeFileSync(join(work, 'prod/manifest.json'), JSON.stringify(before.manifest));
    // Only duckdb__pick changes; orders reaches it through pick → adapter.dispatch.
    writeFileSync(join(work, 'macros/money.sql'), FILES['macros/money.sql']!.replace('{{ cents_to_dollars(x) }}', '{{ cents_to_dollars(x) }} + 0'));
    const r = spawnSync(process.execPath, [BIN, 'ls', '--project-dir', work, '--profiles-dir', work, '-s', 'state:modified', '--state', join(work, 'prod'), '--resource-type', 'model', '--output', 'name'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['orders']);
  });
});
