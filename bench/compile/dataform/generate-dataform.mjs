#!/usr/bin/env node
// The compile benchmark's project as a Dataform project: the same N models with the same refs (bench/model-refs.mjs,
// as bench/generate-project.mjs uses), a config block, the loop as a JavaScript map, the macro as an
// includes/ function, and the two tests per model as Dataform assertions (uniqueKey + nonNull on id).
// Usage: node bench/compile/dataform/generate-dataform.mjs N OUTDIR CORE_VERSION
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelRefs } from '../../model-refs.mjs';

const n = Number(process.argv[2] ?? 1000);
const out = process.argv[3];
const coreVersion = process.argv[4] ?? '3.0.62';
if (!Number.isInteger(n) || n < 1 || !out) {
  process.stderr.write('usage: node bench/compile/dataform/generate-dataform.mjs N OUTDIR [CORE_VERSION]\n');
  process.exit(2);
}

const perFolder = 100;
const graph = modelRefs(n);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'definitions'), { recursive: true });
mkdirSync(join(out, 'includes'), { recursive: true });
writeFileSync(
  join(out, 'workflow_settings.yaml'),
  `defaultProject: bench\ndefaultLocation: US\ndefaultDataset: main\ndefaultAssertionDataset: main_assertions\ndataformCoreVersion: ${coreVersion}\n`,
);
writeFileSync(
  join(out, 'includes', 'macros.js'),
  'function cents_to_dollars(column_name, scale = 2) {\n  return `(${column_name} / 100)::numeric(16, ${scale})`;\n}\nmodule.exports = { cents_to_dollars };\n',
);
writeFileSync(join(out, 'definitions', 'raw_events.sqlx'), 'config { type: "declaration", name: "raw_events" }\n');

const model = (i) => {
  const refs = graph[i];
  const from = refs.length === 0 ? '${ref("raw_events")}' : `\${ref("model_${refs[0]}")}`;
  const joins = refs.slice(1).map((r, k) => `join \${ref("model_${r}")} as j${k} using (id)`).join('\n');
  return `config {
  type: "${i % 10 === 0 ? 'table' : 'view'}",
  tags: ["bench", "layer_${Math.floor(i / perFolder)}"],
  description: "Model ${i}",
  assertions: { uniqueKey: ["id"], nonNull: ["id"] }
}
js { const kinds = ["a", "b", "c"]; }
select
    id,
    \${macros.cents_to_dollars("amount_cents")} as amount,
    \${kinds.map((k) => \`sum(case when kind = '\${k}' then 1 else 0 end) as n_\${k},\`).join("\\n    ")}
    amount_cents,
    kind
from ${from}
${joins}
group by id, amount_cents, kind
`;
};

for (let f = 0; f * perFolder < n; f++) {
  const dir = join(out, 'definitions', `layer_${f}`);
  mkdirSync(dir, { recursive: true });
  for (let i = f * perFolder; i < Math.min(n, (f + 1) * perFolder); i++) writeFileSync(join(dir, `model_${i}.sqlx`), model(i));
}
process.stdout.write(`Generated ${n} Dataform actions in ${out}\n`);
