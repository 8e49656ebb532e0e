import type { Connection, ManifestNode } from '@tsdbt/core';
import { TsdbtError } from '@tsdbt/core';
import { compileNode } from './core-api.js';
import type { Project, RenderRuntime } from './core-api.js';

/** The Jinja a model may hold to be rendered ahead: `{{ ref('m') }}`, `{{ source('s', 't') }}` with quoted names, comments. */
const NAME = String.raw`(?:'[^'\\{}]*'|"[^"\\{}]*")`;
const SAFE_BLOCK = new RegExp(String.raw`\{\{-?\s*(?:ref|source)\(\s*${NAME}(?:\s*,\s*${NAME})?\s*\)\s*-?\}\}|\{#[\s\S]*?#\}`, 'gu');
const ANY_JINJA = /\{[{%#]/u;
/** Compiles that go through `compile()` with no options: their SQL is the same whenever it is rendered. */
const PLAIN = new Set(['view', 'table']);

/** A connection for renders that must not use one: any use fails the render, which is then done again in turn. */
const refuse = (): Promise<never> => Promise.reject(new TsdbtError('TSDBT_RENDER_AHEAD', 'a model rendered ahead used the connection'));
const NO_CONNECTION: Connection = {
  execute: refuse, transaction: refuse, getRelation: refuse, getColumns: refuse, listRelations: refuse,
  cancel: async () => undefined, close: async () => undefined,
};

/**
 * Renders the next queued models while a statement runs on the warehouse's threads, where the main thread would wait
 * (at --threads 1, 1,000 small views spent ~85 ms rendering between statements). Only models whose rendering
 * cannot tell when it ran: their only Jinja is ref()/source() of quoted names (no warehouse query, no log(), no
 * is_incremental(), no ephemeral CTE), materialized as view or table, with ref/source not overridden by a macro.
 * Any failure is dropped: the model then compiles in turn as before, and reports its error there.
 */
export class RenderAhead {
  private readonly rendered = new Map<string, Promise<string | undefined>>();
  private readonly enabled: boolean;

  constructor(
    private readonly project: Project,
    private readonly runtime: RenderRuntime,
    /** The node that runs next, if any is ready. */
    private readonly next: () => string | undefined,
  ) {
    const macros = Object.values(project.manifest.macros) as { name?: string }[];
    this.enabled = !macros.some((m) => m.name === 'ref' || m.name === 'source');
  }

  /** A statement was just sent: render the next node now if it qualifies. */
  idle(): void {
    if (!this.enabled) return;
    const id = this.next();
    if (id === undefined || this.rendered.has(id)) return;
    const node = this.project.manifest.nodes[id];
    if (!node || !this.qualifies(node)) return;
    this.rendered.set(id, compileNode(this.project, id, { ...this.runtime, connection: NO_CONNECTION, isIncremental: false }).catch(() => undefined));
  }

  /** The SQL rendered ahead for `id`, once; undefined when there is none or it failed. */
  take(id: string): Promise<string | undefined> | undefined {
    const sql = this.rendered.get(id);
    this.rendered.delete(id);
    return sql;
  }

  private qualifies(node: ManifestNode): boolean {
    if (node.resource_type !== 'model' || !PLAIN.has(node.config.materialized)) return false;
    if (ANY_JINJA.test(node.raw_code.replace(SAFE_BLOCK, ''))) return false;
    const nodes = this.project.manifest.nodes;
    return node.depends_on.nodes.every((d) => nodes[d]?.config.materialized !== 'ephemeral');
  }
}
