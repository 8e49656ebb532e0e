import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileNode, parseProject } from '@tsdbt/core';
import type { RenderRuntime } from '@tsdbt/core';
import { RenderAhead } from '../src/render-ahead.js';

const MODELS: Record<string, string> = {
  a: 'select 1 as id',
  plain: "{# a comment #}select * from {{ ref('a') }} union all select * from {{- ref(\"a\") -}}",
  logs: "{{ log('hello') }}select * from {{ ref('a') }}",
  branches: '{% if execute %}select 1 as id{% else %}select 2 as id{% endif %}',
  configured: "{{ config(materialized='table') }}select * from {{ ref('a') }}",
  eph: "{{ config(materialized='ephemeral') }}select 3 as id",
  uses_eph: "select * from {{ ref('eph') }}",
  incr: "{{ config(materialized='incremental') }}select * from {{ ref('a') }}",
};

function writeProject(macros: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-render-ahead-'));
  mkdirSync(join(dir, 'models'));
  mkdirSync(join(dir, 'macros'));
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: p\nversion: "1.0"\nconfig-version: 2\nprofile: p\nmodels:\n  p:\n    +materialized: view\n');
  writeFileSync(join(dir, 'profiles.yml'), 'p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n');
  for (const [name, sql] of Object.entries(MODELS)) writeFileSync(join(dir, 'models', `${name}.sql`), sql);
  for (const [name, sql] of Object.entries(macros)) writeFileSync(join(dir, 'macros', `${name}.sql`), sql);
  return dir;
}

const runtime: RenderRuntime = { execute: true, which: 'run' };

describe('rendering queued models ahead', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const parse = async (macros?: Record<string, string>) => {
    const dir = writeProject(macros);
    dirs.push(dir);
    return parseProject({ projectDir: dir, profilesDir: dir, noPartialParse: true });
  };
  const renderedAhead = async (ahead: RenderAhead, id: string, next: { id?: string }) => {
    next.id = id;
    ahead.idle();
    return ahead.take(id);
  };

  it('renders a model whose only Jinja is ref() and comments, to the SQL it gets in turn, once', async () => {
    const project = await parse();
    const next: { id?: string } = {};
    const ahead = new RenderAhead(project, runtime, () => next.id);
    const sql = await renderedAhead(ahead, 'model.p.plain', next);
    expect(sql).toBeDefined();
    expect(await sql).toBe(await compileNode(project, 'model.p.plain', { ...runtime, isIncremental: false }));
    expect(await sql).toContain('"a"');
    expect(ahead.take('model.p.plain')).toBeUndefined();
  });

  it('leaves to their turn models that log, branch, call config(), inline an ephemeral or build incrementally', async () => {
    const project = await parse();
    const next: { id?: string } = {};
    const ahead = new RenderAhead(project, runtime, () => next.id);
    for (const name of ['logs', 'branches', 'configured', 'uses_eph', 'incr']) {
      expect(await renderedAhead(ahead, `model.p.${name}`, next), name).toBeUndefined();
    }
  });

  it('renders nothing ahead when a macro overrides ref', async () => {
    const project = await parse({ ref: "{% macro ref(name) %}{{ return(builtins.ref(name)) }}{% endmacro %}" });
    const next: { id?: string } = {};
    const ahead = new RenderAhead(project, runtime, () => next.id);
    expect(await renderedAhead(ahead, 'model.p.plain', next)).toBeUndefined();
  });

  it('with nothing queued renders nothing', async () => {
    const project = await parse();
    const ahead = new RenderAhead(project, runtime, () => undefined);
    ahead.idle();
    expect(ahead.take('model.p.plain')).toBeUndefined();
  });
});
