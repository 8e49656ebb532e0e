import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isMicrobatch } from '../context/event-time-filter.js';
import type { Manifest, ManifestNode } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import { configPlace } from './config-position.js';
import { BATCH_SIZES, eventTimeValue } from './event-time.js';

/** Python's type name, as dbt's messages print it (`<class 'int'>`). */
function pyType(v: unknown): string {
  const t = Array.isArray(v) ? 'list' : v === null ? 'NoneType' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'dict' : 'str';
  return `<class '${t}'>`;
}

type Check = (node: ManifestNode) => { key: string; code: string; message: string } | undefined;

/** dbt's microbatch config checks (validate_and_coerce_microbatch_configs), in its order, with its messages. */
const CHECKS: Check[] = [
  (n) => {
    const v = n.config.event_time;
    if (v === undefined || v === null) return { key: 'incremental_strategy', code: 'TSDBT_MICROBATCH_EVENT_TIME', message: `Microbatch model '${n.name}' must provide an 'event_time' (string) config that indicates the name of the event time column.` };
    if (typeof v !== 'string') return { key: 'event_time', code: 'TSDBT_MICROBATCH_EVENT_TIME', message: `Microbatch model '${n.name}' must provide an 'event_time' config of type string, but got: ${pyType(v)}.` };
    return undefined;
  },
  (n) => {
    const v = n.config.begin;
    if (v === undefined || v === null) return { key: 'incremental_strategy', code: 'TSDBT_MICROBATCH_BEGIN', message: `Microbatch model '${n.name}' must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from.` };
    if (typeof v === 'string' && !eventTimeValue(v)) return { key: 'begin', code: 'TSDBT_MICROBATCH_BEGIN', message: `Microbatch model '${n.name}' must provide a 'begin' config of valid datetime (ISO format), but got: ${v}.` };
    if (typeof v !== 'string' && !eventTimeValue(v)) return { key: 'begin', code: 'TSDBT_MICROBATCH_BEGIN', message: `Microbatch model '${n.name}' must provide a 'begin' config of type datetime, but got: ${pyType(v)}.` };
    return undefined;
  },
  (n) => {
    const v = n.config.batch_size;
    if ((BATCH_SIZES as readonly unknown[]).includes(v)) return undefined;
    const shown = v === undefined || v === null ? 'None' : String(v);
    return { key: v === undefined || v === null ? 'incremental_strategy' : 'batch_size', code: 'TSDBT_MICROBATCH_BATCH_SIZE', message: `Microbatch model '${n.name}' must provide a 'batch_size' config that is one of ['hour', 'day', 'month', 'year'], but got: ${shown}.` };
  },
  (n) => {
    const v = n.config.lookback;
    if (v === undefined || v === null || (typeof v === 'number' && Number.isInteger(v))) return undefined;
    return { key: 'lookback', code: 'TSDBT_MICROBATCH_LOOKBACK', message: `Microbatch model '${n.name}' must provide the optional 'lookback' config as type int, but got: ${pyType(v)}.` };
  },
  (n) => {
    const v = n.config.concurrent_batches;
    if (v === undefined || v === null || typeof v === 'boolean') return undefined;
    return { key: 'concurrent_batches', code: 'TSDBT_MICROBATCH_CONCURRENT_BATCHES', message: `Microbatch model '${n.name}' optional 'concurrent_batches' config must be of type \`bool\` if specified, but got: ${pyType(v)}.` };
  },
];

/** The input nodes (models, seeds, snapshots, sources) a node depends on, as the manifest holds them. */
function inputsOf(manifest: Manifest, node: ManifestNode): { name: string; config?: Record<string, unknown> }[] {
  return node.depends_on.nodes.map((id) => manifest.nodes[id] ?? manifest.sources[id]).filter((n) => n !== undefined);
}

/**
 * Parse-time checks of every microbatch model (dbt's check_valid_microbatch_config): `event_time`, `begin`,
 * `batch_size` required and typed, `lookback` an int, `concurrent_batches` a bool, inputs' `event_time` strings.
 * Each problem is an error at the config that set it (else the model's `incremental_strategy`); a model with no
 * input to filter is dbt's MicrobatchModelNoEventTimeInputs warning.
 */
export function checkMicrobatchConfigs(packages: ProjectPackage[], manifest: Manifest, nodes: ManifestNode[], problems: Diagnostic[]): void {
  for (const node of nodes) {
    if (node.resource_type !== 'model' || !isMicrobatch(node)) continue;
    const place = (key: string) => configPlace(packages, node, key, String(node.config[key] ?? ''));
    for (const check of CHECKS) {
      const found = check(node);
      if (found) problems.push({ code: found.code, severity: 'error', message: found.message, ...place(found.key) });
    }
    let filtered = false;
    for (const input of inputsOf(manifest, node)) {
      const et = input.config?.event_time;
      if (et === undefined || et === null) continue;
      if (typeof et !== 'string') {
        problems.push({ code: 'TSDBT_MICROBATCH_INPUT_EVENT_TIME', severity: 'error', ...place('incremental_strategy'), message: `Microbatch model '${node.name}' depends on an input node '${input.name}' with an 'event_time' config of invalid (non-string) type: ${pyType(et)}.` });
      } else filtered = true;
    }
    if (!filtered) {
      problems.push({
        code: 'TSDBT_MICROBATCH_NO_EVENT_TIME_INPUTS', severity: 'warning', ...place('incremental_strategy'),
        message: `The microbatch model '${node.name}' has no 'ref' or 'source' input with an 'event_time' configuration. \nThis means no filtering can be applied and can result in unexpected duplicate records in the resulting microbatch model.`,
      });
    }
  }
}
