import { join } from 'node:path';
import { CONSTRAINT_TYPES, parseColumnConstraint, parseModelConstraint } from '../adapter/constraints.js';
import type { ColumnConstraint, ModelConstraint } from '../adapter/constraints.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode, RefCall } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import { sha256 } from '../util/hash.js';
import { yamlPosition } from '../util/yaml-position.js';
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
export function applyContract(node: ManifestNode, patched: boolean, file: string, problems: Diagnostic[], packages: ProjectPackage[] = []): void {
  const config = (node.config.contract ?? {}) as { enforced?: unknown; alias_types?: unknown };
  const constraints = Array.isArray(node.constraints) && node.constraints.length ? normalizeConstraints(node.constraints, true) : [];
  node.constraints = constraints;
  const enforced = config.enforced === true;
  node.contract = { enforced, alias_types: config.alias_types !== false, checksum: enforced ? contractChecksum(node) : null };
  addForeignKeyRefs(node);
  // dbt checks primary keys on every model with a YAML entry, contract or not.
  if (patched) checkPrimaryKeys(node, constraints, packages, problems);
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

const isPrimaryKey = (c: unknown) => (c as { type?: unknown } | null)?.type === 'primary_key';

/**
 * dbt's `_validate_pk_constraints`: one column-level primary key at most, and not both a column-level and a
 * model-level one. A warehouse would refuse the DDL only at run time (DuckDB: "multiple primary keys"), after
 * other models were built; dbt stops the parse.
 */
function checkPrimaryKeys(node: ManifestNode, constraints: unknown[], packages: ProjectPackage[], problems: Diagnostic[]): void {
  const pkColumns: string[] = [];
  for (const name in node.columns) for (const c of node.columns[name]!.constraints) if (isPrimaryKey(c)) pkColumns.push(node.columns[name]!.name);
  if (pkColumns.length === 0) return;
  const errors: string[] = [];
  const hints: string[] = [];
  const modelLevel = `constraints: [{type: primary_key, columns: [${[...new Set(pkColumns)].join(', ')}]}]`;
  if (pkColumns.length > 1) {
    errors.push(
      `Found ${pkColumns.length} columns (${pyRepr(pkColumns)}) with primary key constraints defined. ` +
        'Primary keys for multiple columns must be defined as a model level constraint.',
    );
    hints.push(`Remove the column-level primary_key constraints and give the model one: \`${modelLevel}\`.`);
  }
  if (constraints.some(isPrimaryKey)) {
    errors.push(
      'Primary key constraints defined at the model level and the columns level. ' +
        'Primary keys can be defined at the model level or the column level, not both.',
    );
    hints.push('Keep the model-level primary_key (listing every key column) and remove the column-level ones.');
  }
  if (errors.length === 0) return;
  problems.push({
    code: 'TSDBT_CONSTRAINT_PRIMARY_KEY',
    severity: 'error',
    ...patchEntryPlace(node, packages),
    message: `Primary key constraint error: (${node.original_file_path})\n${errors.join('\n')}`,
    hint: hints.join(' '),
  });
}

/** The model's entry in its property YAML (`models: - name: x`), as the user sees the file from the root project. */
function patchEntryPlace(node: ManifestNode, packages: ProjectPackage[]): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const patchFile = node.patch_path?.split('://')[1];
  const pkg = packages.find((p) => p.name === node.package_name);
  if (!patchFile || !pkg) return { file: patchFile ?? node.original_file_path };
  const at = yamlPosition(join(pkg.dir, patchFile), ['models', { name: node.name }]);
  return { file: pkg.relDir ? join(pkg.relDir, patchFile) : patchFile, line: at.line, column: at.column };
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
