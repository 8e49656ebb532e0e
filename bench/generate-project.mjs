#!/usr/bin/env node
// Generates a dbt project of N models for the compile benchmark: each model has 1–3 refs to earlier models, a
// config() call, a {% for %} loop and a macro call; each folder has property YAML with unique/not_null tests.
// Usage: node bench/generate-project.mjs N OUTDIR
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelRefs } from './model-refs.mjs';

const n = Number(process.argv[2] ?? 1000);
const out = process.argv[3];
if (!Number.isInteger(n) || n < 1 || !out) {
  process.stderr.write('usage: node bench/generate-project.mjs N OUTDIR\n');
  process.exit(2);
}

const perFolder = 100;
const graph = modelRefs(n);
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'macros'), { recursive: true });
mkdirSync(join(out, 'seeds'), { recursive: true });
writeFileSync(join(out, 'dbt_project.yml'), `name: bench\nversion: '1.0'\nprofile: bench\nmodels:\n  bench:\n    +materialized: view\n`);
writeFileSync(join(out, 'profiles.yml'), `bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n      schema: main\n`);
writeFileSync(join(out, 'seeds', 'raw_events.csv'), 'id,amount_cents,kind\n1,100,a\n2,250,b\n');
writeFileSync(
  join(out, 'macros', 'cents_to_dollars.sql'),
  '{% macro cents_to_dollars(column_name, scale=2) %}({{ column_name }} / 100)::numeric(16, {{ scale }}){% endmacro %}\n',
);

const model = (i) => {
  const refs = graph[i];
  const from = refs.length === 0 ? "{{ ref('raw_events') }}" : `{{ ref('model_${refs[0]}') }}`;
  const joins = refs.slice(1).map((r, k) => `join {{ ref('model_${r}') }} as j${k} using (id)`).join('\n');
  return `{{ config(materialized='${i % 10 === 0 ? 'table' : 'view'}', tags=['bench', 'layer_${Math.floor(i / perFolder)}']) }}
{% set kinds = ['a', 'b', 'c'] %}
select
    id,
    {{ cents_to_dollars('amount_cents') }} as amount,
    {% for k in kinds %}
    sum(case when kind = '{{ k }}' then 1 else 0 end) as n_{{ k }},
    {% endfor %}
    amount_cents,
    kind
from ${from}
${joins}
group by id, amount_cents, kind
`;
};

for (let f = 0; f * perFolder < n; f++) {
  const dir = join(out, 'models', `layer_${f}`);
  mkdirSync(dir, { recursive: true });
  const yml = ['version: 2', 'models:'];
  for (let i = f * perFolder; i < Math.min(n, (f + 1) * perFolder); i++) {
    writeFileSync(join(dir, `model_${i}.sql`), model(i));
    yml.push(`  - name: model_${i}`, `    description: Model ${i}`, '    columns:', '      - name: id', '        data_tests: [unique, not_null]');
  }
  writeFileSync(join(dir, 'schema.yml'), `${yml.join('\n')}\n`);
}
process.stdout.write(`Generated ${n} models in ${out}\n`);
