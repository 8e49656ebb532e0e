import type { Options } from 'yargs';
import type { IndirectSelection } from '@tsdbt/core';
import type { TaskOptions } from '@tsdbt/runner';
import { FlagError } from '../flag-error.js';
import { envBool } from '../resolve-flags.js';

/** dbt's --indirect-selection modes (eager is the default). */
export const INDIRECT_MODES = ['eager', 'cautious', 'buildable', 'empty'] as const;

/** The values dbt's --resource-type and --exclude-resource-type accept (`default` and `all` as dbt ls has them). */
export const RESOURCE_TYPE_CHOICES = [
  'model', 'seed', 'snapshot', 'test', 'unit_test', 'source', 'analysis', 'exposure', 'metric', 'semantic_model', 'saved_query', 'default', 'all',
] as const;

/** No yargs defaults here: an unset flag falls back to its DBT_* variable (resolveSelectionArgs). */
export const indirectSelectionOption = {
  'indirect-selection': {
    type: 'string',
    choices: INDIRECT_MODES,
    describe: 'Tests taken with the selected nodes: eager (any parent selected), cautious (all parents), buildable (all parents selected or upstream), empty (none) ($DBT_INDIRECT_SELECTION; default eager)',
  },
} as const satisfies Record<string, Options>;

export const resourceTypeOptions = {
  'resource-type': { type: 'string', array: true, choices: RESOURCE_TYPE_CHOICES, describe: 'Only these resource types ($DBT_RESOURCE_TYPES)' },
  'exclude-resource-type': { type: 'string', array: true, choices: RESOURCE_TYPE_CHOICES, describe: 'Leave out these resource types ($DBT_EXCLUDE_RESOURCE_TYPES)' },
} as const satisfies Record<string, Options>;

export const favorStateOption = {
  'favor-state': { type: 'boolean', describe: "With --defer: read unselected nodes from --state's relations even when this target has them ($DBT_FAVOR_STATE)" },
} as const satisfies Record<string, Options>;

/** The selection flags as yargs parses them (camel-cased); filled from DBT_* variables by resolveSelectionArgs. */
export interface SelectionArgs {
  indirectSelection?: IndirectSelection;
  resourceType?: string[];
  excludeResourceType?: string[];
  favorState?: boolean;
}

function env(name: string): string | undefined {
  const raw = process.env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function envIndirect(): IndirectSelection | undefined {
  const v = env('DBT_INDIRECT_SELECTION');
  if (v === undefined) return undefined;
  if (!(INDIRECT_MODES as readonly string[]).includes(v)) throw new FlagError(`$DBT_INDIRECT_SELECTION: '${v}' is not one of ${INDIRECT_MODES.join(', ')}`);
  return v as IndirectSelection;
}

/** click splits a multiple option's variable on whitespace. */
function envTypes(name: string): string[] | undefined {
  const v = env(name);
  if (v === undefined) return undefined;
  const types = v.split(/\s+/);
  const bad = types.find((t) => !(RESOURCE_TYPE_CHOICES as readonly string[]).includes(t));
  if (bad !== undefined) throw new FlagError(`$${name}: '${bad}' is not one of ${RESOURCE_TYPE_CHOICES.join(', ')}`);
  return types;
}

/** Which of the flags a command has: only those read their DBT_* variable. */
export interface SelectionFlags {
  indirect?: boolean;
  resourceTypes?: boolean;
  favorState?: boolean;
}

/**
 * Flag > DBT_* variable > dbt's default, written back to argv so handlers read one value. A bad variable is a usage
 * error (exit 2) naming the variable and the allowed values; a bad flag is caught by yargs' `choices` first.
 */
export function resolveSelectionArgs(argv: SelectionArgs, flags: SelectionFlags): void {
  if (flags.indirect) argv.indirectSelection = argv.indirectSelection ?? envIndirect() ?? 'eager';
  if (flags.resourceTypes) {
    if (!argv.resourceType?.length) argv.resourceType = envTypes('DBT_RESOURCE_TYPES');
    if (!argv.excludeResourceType?.length) argv.excludeResourceType = envTypes('DBT_EXCLUDE_RESOURCE_TYPES');
  }
  if (flags.favorState) argv.favorState = argv.favorState ?? envBool('DBT_FAVOR_STATE') ?? false;
}

/** The runner's options these flags set (runTaskCommand passes the others). */
export function selectionTaskOptions(argv: SelectionArgs, flags: SelectionFlags): Partial<TaskOptions> {
  resolveSelectionArgs(argv, flags);
  return { indirectSelection: argv.indirectSelection, resourceTypes: argv.resourceType, excludeResourceTypes: argv.excludeResourceType, favorState: argv.favorState };
}
