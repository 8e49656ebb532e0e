import type { Dialect, RelationRef } from '../adapter/types.js';
import type { ManifestNode } from '../manifest/types.js';
import type { RenderScope } from './render-scope.js';
import { Relation } from './relation.js';

type Quoting = ConstructorParameters<typeof Relation>[2];

/** A ref/source relation read inside one microbatch batch: prints as dbt's filtered subquery (render() stays the name). */
export class EventTimeFilteredRelation extends Relation {
  constructor(
    dialect: Dialect,
    ref: RelationRef,
    quoting: Quoting,
    private readonly filtered: string,
  ) {
    super(dialect, ref, quoting);
  }

  override toString(): string {
    return this.filtered;
  }
}

/** True for an incremental model with `incremental_strategy='microbatch'`. */
export function isMicrobatch(node: Pick<ManifestNode, 'config'> | undefined): boolean {
  return node?.config.materialized === 'incremental' && node.config.incremental_strategy === 'microbatch';
}

/**
 * dbt's resolve_event_time_filter: inside a batch of a microbatch model, an input whose config has an `event_time`
 * is read only for the batch's window; anything else (no batch, no event_time, another model kind) is left alone.
 */
export function withEventTimeFilter(scope: RenderScope, ref: RelationRef, quoting: Quoting, input: { config?: Record<string, unknown> | null }): Relation {
  const { dialect } = scope.project;
  const batch = scope.runtime.batch;
  const eventTime = input.config?.event_time;
  if (!batch || typeof eventTime !== 'string' || !eventTime || !isMicrobatch(scope.node)) return new Relation(dialect, ref, quoting);
  const sql = dialect.eventTimeFiltered(dialect.renderRelation(ref, quoting), ref.identifier, eventTime, batch.eventTimeStart, batch.eventTimeEnd);
  return new EventTimeFilteredRelation(dialect, ref, quoting, sql);
}

/** The model as a batch's templates see it: dbt's `model.batch` with the batch's id and bounds. */
export function withBatch(node: ManifestNode, batch: NonNullable<RenderScope['runtime']['batch']>): ManifestNode & { batch: Record<string, string> } {
  return { ...node, batch: { id: batch.id, event_time_start: batch.eventTimeStart, event_time_end: batch.eventTimeEnd } };
}
