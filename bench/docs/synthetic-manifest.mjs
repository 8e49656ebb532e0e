// A dbt-v12-shaped manifest of N models for the docs benchmark: 1% sources, models in layers each reading one to
// three earlier nodes, 8 documented columns and compiled SQL per model, and one not_null test per model.
const PROJECT = 'bench';

function column(name, description) {
  return { name, description, meta: {}, data_type: null, constraints: [], quote: null, tags: [] };
}

function columns(n) {
  return Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`col_${i}`, column(`col_${i}`, `Column ${i} of model ${n}`)]));
}

function rel(schema, name) {
  return `"bench"."${schema}"."${name}"`;
}

export function syntheticManifest(modelCount) {
  const manifest = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.0', generated_at: '2026-11-25T00:00:00Z', invocation_id: 'bench', env: {}, project_name: PROJECT, project_id: 'bench', adapter_type: 'duckdb' },
    nodes: {}, sources: {}, macros: {}, docs: {}, exposures: {}, metrics: {}, groups: {}, selectors: {}, disabled: {},
    parent_map: {}, child_map: {}, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {},
  };
  const sourceCount = Math.max(1, Math.floor(modelCount / 100));
  const ids = [];
  for (let s = 0; s < sourceCount; s++) {
    const id = `source.${PROJECT}.raw.table_${s}`;
    manifest.sources[id] = {
      unique_id: id, resource_type: 'source', package_name: PROJECT, name: `table_${s}`, source_name: 'raw', source_description: '', identifier: `table_${s}`,
      database: 'bench', schema: 'raw', relation_name: rel('raw', `table_${s}`), loader: '', loaded_at_field: null, freshness: null,
      fqn: [PROJECT, 'raw', `table_${s}`], path: 'models/sources.yml', original_file_path: 'models/sources.yml', description: `Raw table ${s}`,
      columns: columns(`raw_${s}`), meta: {}, tags: [], config: { enabled: true }, quoting: {},
    };
    ids.push({ id, relation: rel('raw', `table_${s}`) });
  }
  for (let m = 0; m < modelCount; m++) {
    const name = `model_${String(m).padStart(5, '0')}`;
    const folder = `area_${m % 20}/layer_${Math.floor((m / modelCount) * 5)}`;
    const id = `model.${PROJECT}.${name}`;
    const pool = ids.length;
    const parents = [...new Set([ids[(m * 7919) % pool], ids[pool - 1 - (m % Math.min(pool, 50))], ids[(m * 104729) % pool]].slice(0, 1 + (m % 3)))];
    const [first, ...rest] = parents;
    const joins = rest.map((p, i) => `\njoin ${p.relation} j${i} on j${i}.col_0 = a.col_0`).join('');
    const sql = `select a.col_0, a.col_1, a.col_2 + 1 as col_2, upper(a.col_3) as col_3, a.col_4, a.col_5, a.col_6, ${rest.length ? 'j0.col_7' : 'a.col_7'} as col_7\nfrom ${first.relation} a${joins}`;
    manifest.nodes[id] = {
      unique_id: id, resource_type: 'model', package_name: PROJECT, name, path: `${folder}/${name}.sql`, original_file_path: `models/${folder}/${name}.sql`,
      fqn: [PROJECT, ...folder.split('/'), name], database: 'bench', schema: 'analytics', alias: name, relation_name: rel('analytics', name),
      raw_code: sql, compiled_code: sql, compiled: true, language: 'sql', checksum: { name: 'sha256', checksum: '0' },
      depends_on: { macros: [], nodes: parents.map((p) => p.id) }, refs: [], sources: [], metrics: [],
      config: { enabled: true, materialized: m % 4 === 0 ? 'view' : 'table', tags: m % 10 === 0 ? ['daily'] : [], meta: {}, pre_hook: [], post_hook: [], quoting: {}, persist_docs: {} },
      tags: m % 10 === 0 ? ['daily'] : [], description: `Model ${m}: synthetic model in ${folder}.`, columns: columns(m), meta: {}, docs: { show: true, node_color: null },
      patch_path: null, unrendered_config: {}, created_at: 0,
    };
    const testId = `test.${PROJECT}.not_null_${name}_col_0`;
    manifest.nodes[testId] = {
      ...manifest.nodes[id], unique_id: testId, resource_type: 'test', name: `not_null_${name}_col_0`, relation_name: null, compiled_code: 'select 1', raw_code: '{{ test_not_null() }}',
      columns: {}, description: '', column_name: 'col_0', attached_node: id, depends_on: { macros: [], nodes: [id] },
      test_metadata: { name: 'not_null', kwargs: { column_name: 'col_0' }, namespace: null }, config: { ...manifest.nodes[id].config, materialized: 'test' },
    };
    ids.push({ id, relation: rel('analytics', name) });
  }
  for (const [id, node] of Object.entries(manifest.nodes)) manifest.parent_map[id] = node.depends_on.nodes;
  for (const id of Object.keys(manifest.sources)) manifest.parent_map[id] = [];
  for (const id of Object.keys(manifest.parent_map)) manifest.child_map[id] = [];
  for (const [id, parents] of Object.entries(manifest.parent_map)) for (const p of parents) manifest.child_map[p].push(id);
  return manifest;
}
