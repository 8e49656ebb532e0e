// Selection over a generated manifest (not a test: no timings in tests). Needs the build (`npm run build`).
// Usage: node packages/core/test/selection/helpers/bench-selection.mjs [models]   (default 10000; half get a test)
// Prints the median CPU time (user + system) of 7 runs, which the load of a shared machine disturbs less than wall time.
import { buildGraph } from '../../../dist/graph/index.js';
import { select } from '../../../dist/selection/index.js';

const N = Number(process.argv[2] ?? 10_000);
const nodes = {};
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = 0; i < N; i++) {
  const refs = i === 0 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `model.p.m${Math.floor(rnd() * i)}`))];
  const tags = i % 7 ? [] : ['x'];
  nodes[`model.p.m${i}`] = {
    unique_id: `model.p.m${i}`, resource_type: 'model', package_name: 'p', name: `m${i}`, fqn: ['p', `f${i % 50}`, `m${i}`],
    original_file_path: `models/f${i % 50}/m${i}.sql`, depends_on: { nodes: refs, macros: [] }, config: { enabled: true, tags, materialized: 'view' },
    tags, checksum: { name: 'sha256', checksum: String(i) }, unrendered_config: {},
  };
  if (i % 2 === 0) {
    nodes[`test.p.t${i}`] = {
      unique_id: `test.p.t${i}`, resource_type: 'test', package_name: 'p', name: `t${i}`, fqn: ['p', `f${i % 50}`, `t${i}`],
      original_file_path: `models/f${i % 50}/schema.yml`, depends_on: { nodes: [`model.p.m${i}`], macros: [] }, config: { enabled: true, tags: [] },
      tags: [], test_metadata: { name: 'not_null' }, checksum: { name: 'sha256', checksum: 't' },
    };
  }
}
const manifest = { metadata: { project_name: 'p' }, nodes, sources: {}, exposures: {}, macros: {}, unit_tests: {}, selectors: {} };
const state = structuredClone(manifest);
for (let i = 0; i < N; i += 100) state.nodes[`model.p.m${i}`].checksum = { name: 'sha256', checksum: 'old' };

function time(label, fn) {
  const runs = [];
  let out;
  for (let r = 0; r < 7; r++) {
    const start = process.cpuUsage();
    out = fn();
    const d = process.cpuUsage(start);
    runs.push((d.user + d.system) / 1000);
  }
  runs.sort((a, b) => a - b);
  const count = Array.isArray(out) ? out.length : out.selected.length;
  console.log(`${label.padEnd(34)} median ${runs[3].toFixed(1).padStart(7)} ms CPU  (${count} selected)`);
}

console.log(`${Object.keys(nodes).length} graph members (${N} models)`);
time('buildGraph', () => buildGraph(manifest).order);
const graph = buildGraph(manifest);
const last = `m${N - 1}`;
for (const s of [undefined, [`+${last}`], ['m0+'], [`@m${N / 2}`], ['tag:x'], ['path:models/f1'], [`tag:x,+${last}`], ['state:modified+']]) {
  time(`select ${s ? s.join(' ') : '(everything)'}`, () => select(manifest, { select: s, graph, state }));
}
time(`select +${last} incl. buildGraph`, () => select(manifest, { select: [`+${last}`] }));
