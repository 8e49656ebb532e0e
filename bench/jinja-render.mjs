#!/usr/bin/env node
// Renders 10,000 generated model templates (1-3 refs, a config() call, a {% for %} loop, a macro call) with
// tsdbt's Jinja engine: cold (fresh engine, every template compiled), warm (same engine, compiled templates
// cached in memory) and reloaded (fresh engine fed the compiled code a previous run saved, as under target/).
// Templates of the same structure share one generated function (their text and names live in side tables);
// `--distinct` gives every template its own structure, the worst case for that sharing.
// `--stock` adds the baseline: stock nunjucks renderString on the same templates.
// Usage: npm run build && node bench/jinja-render.mjs [models=10000] [rounds=5] [--distinct] [--stock]
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import nunjucks from 'nunjucks';
import { JinjaEngine } from '../packages/core/dist/jinja/index.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const distinct = process.argv.includes('--distinct');
const models = Number(positional[0] ?? 10_000);
const rounds = Number(positional[1] ?? 5);

/** 14 statements chosen by the bits of i: every template gets its own structure (names alone would not do). */
function shapeOf(i) {
  return Array.from({ length: 14 }, (_v, b) => ((i >> b) & 1 ? '{% if flag %}y{% endif %}' : '{{ flag }}')).join('');
}

function template(i) {
  const refs = Array.from({ length: 1 + (i % 3) }, (_v, k) => `model_${(i * 7 + k * 13) % models}`);
  return [
    `{{ config(materialized='${i % 2 ? 'table' : 'view'}', tags=['t${i % 10}']) }}`,
    `with`,
    ...refs.map((r, k) => `  src_${k} as (select * from {{ ref('${r}') }}),`),
    `  final as (`,
    `    select {% for c in ['id', 'amount_${i}', 'created_at'] %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %},`,
    `      {{ cents_to_dollars('amount_${i}') }} as dollars`,
    `    from src_0`,
    `  )`,
    distinct ? `select * from final ${shapeOf(i)}` : `select * from final`,
    '',
  ].join('\n');
}

const sources = Array.from({ length: models }, (_v, i) => template(i));
const MACROS = "{% macro cents_to_dollars(col, scale=2) %}round({{ col }} / 100, {{ scale }}){% endmacro %}";

function context() {
  const config = {};
  return {
    ref: (name) => `"db"."analytics"."${name}"`,
    config: (...args) => {
      Object.assign(config, args[args.length - 1]);
      return '';
    },
  };
}

function newEngine() {
  const engine = new JinjaEngine();
  engine.addMacroFile('demo', 'macros/cents.sql', MACROS);
  return engine;
}

// Wall time is at the mercy of whatever else the (shared) machine runs; CPU time of this process much less so.
function timed(run) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

function renderAll(engine) {
  return timed(() => {
    for (let i = 0; i < models; i++) engine.render({ name: `models/m_${i}.sql`, source: sources[i] }, context());
  });
}

/** The baseline: stock nunjucks, one renderString per model, the macro as a JS global (nunjucks has no global macros). */
function renderStock() {
  const env = new nunjucks.Environment(null, { autoescape: false });
  env.addGlobal('cents_to_dollars', (col, scale = 2) => `round(${col} / 100, ${scale})`);
  return timed(() => {
    for (let i = 0; i < models; i++) env.renderString(sources[i], context());
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { firstCold: undefined, cold: [], warm: [], reload: [], stock: [] };
let saved;
for (let r = 0; r < rounds; r++) {
  const engine = newEngine();
  const cold = renderAll(engine);
  results.firstCold ??= cold;
  results.cold.push(cold);
  results.warm.push(renderAll(engine));
  saved = JSON.parse(JSON.stringify(engine.exportCompiled()));
  const again = newEngine();
  again.importCompiled(saved);
  results.reload.push(renderAll(again));
  if (process.argv.includes('--stock')) results.stock.push(renderStock());
}
const fmt = (xs) => {
  const list = Array.isArray(xs) ? xs : [xs];
  return `${median(list.map((x) => x.ms)).toFixed(0).padStart(6)} ms wall ${median(list.map((x) => x.cpu)).toFixed(0).padStart(6)} ms cpu`;
};
console.log(`${models} templates${distinct ? ' (all distinct shapes)' : ''}, ${rounds} rounds, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
console.log(`cold   (first round of this process): ${fmt(results.firstCold)}`);
console.log(`cold   (fresh engine, median):        ${fmt(results.cold)}`);
console.log(`warm   (in-memory cache, median):     ${fmt(results.warm)}`);
console.log(`reload (saved compiled code, median): ${fmt(results.reload)}`);
if (results.stock.length) console.log(`stock nunjucks renderString (median): ${fmt(results.stock)}`);
console.log(`saved compiled code: ${(JSON.stringify(saved).length / 1e6).toFixed(1)} MB`);
