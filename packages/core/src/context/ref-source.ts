import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { RefCall } from '../manifest/types.js';
import { splitArgs } from './args.js';
import { resolveRef, resolveSource } from './node-index.js';
import { MarkerRelation } from './marker-relation.js';
import { RawRelation, Relation } from './relation.js';
import { quotingOf, type RenderScope } from './render-scope.js';
import { withEventTimeFilter } from './event-time-filter.js';

function placeholder(scope: RenderScope, identifier: string): Relation {
  const t = scope.project.target;
  return new Relation(scope.project.dialect, { database: t.database, schema: t.schema, identifier }, quotingOf(scope.project));
}

function markerFor(scope: RenderScope, fn: 'ref' | 'source', args: unknown[], stand: Relation): MarkerRelation {
  scope.markers!.push({ fn, args });
  return new MarkerRelation(scope, stand, scope.markers!.length - 1);
}

/** `ref('name')`, `ref('package', 'name')`, `ref('name', v=2)`. */
export function makeRef(scope: RenderScope) {
  return (...args: unknown[]): Relation | RawRelation | MarkerRelation => {
    const { positional, kwargs } = splitArgs(args);
    const version = (kwargs.v ?? kwargs.version ?? null) as string | number | null;
    const [a, b] = positional.map((x) => (x === undefined || x === null ? x : String(x)));
    const call: RefCall = b === undefined || b === null ? { name: a!, package: null, version } : { name: b, package: a!, version };
    scope.capture.refs.push(call);
    if (scope.markers) return markerFor(scope, 'ref', args, placeholder(scope, call.name));
    const root = scope.project.projectName;
    const target = resolveRef(scope.project.manifest, call, scope.packageName, root);
    if (!target) {
      if (scope.parsing) return placeholder(scope, call.name);
      throw new TsdbtError('TSDBT_REF_NOT_FOUND', `ref('${call.name}') does not match any model, seed or snapshot`, {
        file: scope.node?.original_file_path,
      });
    }
    const override = scope.runtime.refOverrides?.get(target.unique_id);
    if (override !== undefined) return new RawRelation(target.name, override);
    if (target.config.materialized === 'ephemeral' && !scope.parsing) {
      if (!scope.capture.ephemerals.includes(target.unique_id)) scope.capture.ephemerals.push(target.unique_id);
      return new RawRelation(`__dbt__cte__${target.name}`);
    }
    const ref = { database: target.database ?? undefined, schema: target.schema, identifier: target.alias };
    return withEventTimeFilter(scope, ref, quotingOf(scope.project), target);
  };
}

/** `source('source_name', 'table_name')`. */
export function makeSource(scope: RenderScope) {
  return (sourceName: unknown, tableName: unknown): Relation | RawRelation | MarkerRelation => {
    const s = String(sourceName);
    const t = String(tableName);
    scope.capture.sources.push([s, t]);
    if (scope.markers) return markerFor(scope, 'source', [sourceName, tableName], placeholder(scope, t));
    const src = resolveSource(scope.project.manifest, s, t, scope.packageName, scope.project.projectName);
    if (!src) {
      if (scope.parsing) return placeholder(scope, t);
      throw new TsdbtError('TSDBT_SOURCE_NOT_FOUND', `source('${s}', '${t}') is not defined`, { file: scope.node?.original_file_path });
    }
    const override = scope.runtime.refOverrides?.get(src.unique_id);
    if (override !== undefined) return new RawRelation(t, override);
    const ref = { database: src.database ?? undefined, schema: src.schema, identifier: src.identifier };
    return withEventTimeFilter(scope, ref, { ...quotingOf(scope.project), ...(src.quoting as object) }, src);
  };
}
