import { CONSTRAINT_TYPES, parseColumnConstraint, parseModelConstraint } from '../adapter/constraints.js';
import type { ColumnConstraint, ModelConstraint } from '../adapter/constraints.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode, RefCall } from '../manifest/types.js';
import { sha256 } from '../util/hash.js';
import { pyRepr } from './py-repr.js';

/** dbt's `materialization_enforces_constraints`. */
const ENFORCES_CONSTRAINTS = new Set(['table', 'incremental']);

/** A constraint entry as dbt's manifest writes it (an entry with an unknown type kept as written). */
export function normalizeConstraints(list: unknown[], model = false): unknown[] {
  return list.map((c) => (model ? parseModelConstraint(c) : parseColumnConstraint(c)) ?? c);
}

/**
 * A model's contract as dbt's parser leaves it: `contract: {enforced, alias_types, checksum}` on the node,
 * model-level `constraints` in dbt's shape, a foreign key's `to: ref(...)` among the refs (so the parent builds
 * first), and dbt's parse errors and warnings for a contract it cannot enforce.
 */
export function applyContract(node: ManifestNode, patched: boolean, file: string, problems: Diagnostic[]): void {
  const config = (node.config.contract ?? {}) as { enforced?: unknown; alias_types?: unknown };
  const constraints = Array.isArray(node.constraints) && node.constraints.length ? normalizeConstraints(node.constraints, true) : [];
  node.constraints = constraints;
  const enforced = config.enforced === true;
  node.contract = { enforced, alias_types: config.alias_types !== false, checksum: enforced ? contractChecksum(node) : null };
  addForeignKeyRefs(node);
  if (!enforced) return;
  const onSchemaChange = node.config.on_schema_change ?? 'ignore';
  if (node.config.materialized === 'incremental' && onSchemaChange !== 'append_new_columns' && onSchemaChange !== 'fail') {
    problems.push({
      code: 'TSDBT_CONTRACT_PARSE',
      severity: 'error',
      file,
      message:
        `Invalid value for on_schema_change: ${onSchemaChange}. Models materialized as incremental with contracts enabled must set ` +
        `on_schema_change to 'append_new_columns' or 'fail'`,
    });
  }
  if (!patched) return;
  // dbt refuses a constraint of no known type under an enforced contract: a typo (`primary-key`) is not dropped silently.
  const all = [...Object.values(node.columns).flatMap((c) => c.constraints), ...constraints];
  if (all.some((c) => !CONSTRAINT_TYPES.includes((c as { type?: unknown } | null)?.type as ColumnConstraint['type']))) {
    problems.push({
      code: 'TSDBT_CONTRACT_PARSE',
      severity: 'error',
      file,
      message: `Invalid constraint type on model ${node.name}: Type must be one of ${pyRepr(CONSTRAINT_TYPES)}`,
    });
  }
  if (!Object.keys(node.columns).length) {
    problems.push({
      code: 'TSDBT_CONTRACT_PARSE',
      severity: 'error',
      file,
      message: `Contract enforcement failed for: (${node.original_file_path})\nConstraints must be defined in a \`yml\` schema configuration file like \`schema.yml\`.`,
    });
  }
  if (!ENFORCES_CONSTRAINTS.has(node.config.materialized) && (all as Partial<ColumnConstraint>[]).some((c) => c.warn_unsupported !== false)) {
    problems.push({
      code: 'TSDBT_CONSTRAINT_MATERIALIZATION',
      severity: 'warning',
      file,
      message: `Constraint types are not supported for ${node.config.materialized} materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning.`,
    });
  }
}

/** Python's str() of dbt's constraint dataclasses, for the checksum. */
function constraintRepr(c: unknown): string {
  if (typeof c !== 'object' || c === null || !('type' in c)) return pyRepr(c);
  const k = c as ModelConstraint;
  const fields = `type=<ConstraintType.${k.type}: '${k.type}'>, name=${pyRepr(k.name)}, expression=${pyRepr(k.expression)}, warn_unenforced=${pyRepr(k.warn_unenforced)}, warn_unsupported=${pyRepr(k.warn_unsupported)}, to=${pyRepr(k.to)}, to_columns=${pyRepr(k.to_columns)}`;
  return 'columns' in k ? `ModelLevelConstraint(${fields}, columns=${pyRepr(k.columns)})` : `ColumnLevelConstraint(${fields})`;
}

/** dbt's `build_contract_checksum`: columns sorted by name, `|name` + type + constraints, then materialization and model constraints. */
function contractChecksum(node: ManifestNode): string {
  const columns = Object.values(node.columns).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let state = '';
  for (const c of columns) state += `|${c.name}${c.data_type ?? 'None'}[${c.constraints.map(constraintRepr).join(', ')}]`;
  if (ENFORCES_CONSTRAINTS.has(node.config.materialized)) state += `${node.config.materialized}[${(node.constraints as unknown[]).map(constraintRepr).join(', ')}]`;
  return sha256(state);
}

const REF = /^\s*ref\s*\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]+)\3\s*)?\)\s*$/u;

/** dbt ≥ 1.9: `to: ref('parent')` makes the parent a dependency. */
function addForeignKeyRefs(node: ManifestNode): void {
  // Plain loops: this runs for every model of a 10,000-model project, almost all without constraints.
  for (const name in node.columns) for (const c of node.columns[name]!.constraints) addForeignKeyRef(node, c as Partial<ColumnConstraint>);
  for (const c of node.constraints as Partial<ColumnConstraint>[]) addForeignKeyRef(node, c);
}

function addForeignKeyRef(node: ManifestNode, c: Partial<ColumnConstraint>): void {
  const m = c.type === 'foreign_key' && typeof c.to === 'string' ? REF.exec(c.to) : null;
  if (!m) return;
  const ref: RefCall = m[4] ? { name: m[4], package: m[2]!, version: null } : { name: m[2]!, package: null, version: null };
  if (!node.refs.some((r) => r.name === ref.name && r.package === ref.package)) node.refs.push(ref);
}
