import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isRecord, readYaml } from '../util/yaml-file.js';

export interface DispatchConfig {
  macro_namespace: string;
  search_order: string[];
}

/** dbt_project.yml, resolved: paths defaulted as dbt defaults them, dashes kept as dbt spells keys. */
export interface ProjectConfig {
  name: string;
  version: string;
  profile?: string;
  configVersion: number;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  analysisPaths: string[];
  docsPaths: string[];
  assetPaths: string[];
  targetPath: string;
  packagesInstallPath: string;
  cleanTargets: string[];
  vars: Record<string, unknown>;
  onRunStart: string[];
  onRunEnd: string[];
  dispatch: DispatchConfig[];
  /** Config trees by resource type (`models`, `seeds`, `data_tests`, `snapshots`, `sources`, ...); Jinja rendered at parse. */
  trees: Record<string, Record<string, unknown>>;
  /** The same trees as written, Jinja unrendered (nodes' unrendered_config, which state:modified compares). */
  unrenderedTrees: Record<string, Record<string, unknown>>;
  quoting: Record<string, boolean>;
  requireDbtVersion?: unknown;
  queryComment?: unknown;
  flags: Record<string, unknown>;
  /** The file as written. */
  raw: Record<string, unknown>;
}

const KNOWN_KEYS = new Set([
  'name', 'version', 'profile', 'config-version', 'model-paths', 'source-paths', 'seed-paths', 'data-paths', 'test-paths',
  'macro-paths', 'snapshot-paths', 'analysis-paths', 'docs-paths', 'asset-paths', 'target-path', 'log-path',
  'packages-install-path', 'clean-targets', 'vars', 'on-run-start', 'on-run-end', 'dispatch', 'models', 'seeds', 'tests',
  'data_tests', 'snapshots', 'sources', 'exposures', 'metrics', 'semantic-models', 'saved-queries', 'unit_tests',
  'quoting', 'require-dbt-version', 'query-comment', 'flags', 'restrict-access',
]);
const TREE_KEYS: Record<string, string> = {
  models: 'models', seeds: 'seeds', tests: 'data_tests', data_tests: 'data_tests', snapshots: 'snapshots',
  sources: 'sources', exposures: 'exposures', unit_tests: 'unit_tests', analyses: 'analyses',
};

const FILE = 'dbt_project.yml';

function typeError(key: string, expected: string): TsdbtError {
  return new TsdbtError('TSDBT_CONFIG_TYPE', `'${key}' in ${FILE} must be ${expected}`, { file: FILE, hint: `Fix the value of '${key}'.` });
}

function stringList(raw: Record<string, unknown>, key: string, fallback: string[]): string[] {
  const v = raw[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw typeError(key, 'a list of strings');
  return v as string[];
}

function optionalString(raw: Record<string, unknown>, key: string): string | undefined {
  const v = raw[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw typeError(key, 'a string');
  return String(v);
}

function hooks(v: unknown, key: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw typeError(key, 'a string or a list of strings');
}

function dispatchList(v: unknown): DispatchConfig[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw typeError('dispatch', 'a list of {macro_namespace, search_order}');
  return v.map((d) => {
    if (!isRecord(d) || typeof d.macro_namespace !== 'string' || !Array.isArray(d.search_order))
      throw typeError('dispatch', 'a list of {macro_namespace, search_order}');
    return { macro_namespace: d.macro_namespace, search_order: d.search_order.map(String) };
  });
}

/** Reads `<projectDir>/dbt_project.yml`. Unknown keys and `require-dbt-version` warn into `warnings`. */
export function loadProjectConfig(projectDir: string, warnings: Diagnostic[]): ProjectConfig {
  const path = join(projectDir, FILE);
  if (!existsSync(path))
    throw new TsdbtError('TSDBT_PROJECT_NOT_FOUND', `No ${FILE} in ${projectDir}`, {
      hint: 'Run tsdbt from the project folder or pass --project-dir.',
    });
  const raw = readYaml(path, FILE);
  if (!isRecord(raw)) throw new TsdbtError('TSDBT_CONFIG_TYPE', `${FILE} must be a mapping`, { file: FILE });
  const name = optionalString(raw, 'name');
  if (!name) throw new TsdbtError('TSDBT_PROJECT_INVALID', `${FILE} has no 'name'`, { file: FILE, hint: "Add 'name: my_project'." });
  if (!/^[A-Za-z_]\w*$/.test(name)) throw typeError('name', 'letters, digits and underscores (a valid identifier)');
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key))
      warnings.push({ code: 'TSDBT_UNKNOWN_CONFIG_KEY', severity: 'warning', message: `Unknown key '${key}' in ${FILE} is ignored`, file: FILE });
  }
  if (raw['require-dbt-version'] !== undefined)
    warnings.push({ code: 'TSDBT_DBT_VERSION_IGNORED', severity: 'warning', message: `'require-dbt-version' is not checked by tsdbt`, file: FILE });
  const modelPaths = stringList(raw, 'model-paths', stringList(raw, 'source-paths', ['models']));
  const seedPaths = stringList(raw, 'seed-paths', stringList(raw, 'data-paths', ['seeds']));
  const testPaths = stringList(raw, 'test-paths', ['tests']);
  const macroPaths = stringList(raw, 'macro-paths', ['macros']);
  const snapshotPaths = stringList(raw, 'snapshot-paths', ['snapshots']);
  const analysisPaths = stringList(raw, 'analysis-paths', ['analyses']);
  const targetPath = optionalString(raw, 'target-path') ?? 'target';
  const vars = raw.vars ?? {};
  if (!isRecord(vars)) throw typeError('vars', 'a mapping');
  const quoting = raw.quoting ?? {};
  if (!isRecord(quoting)) throw typeError('quoting', 'a mapping');
  const trees: Record<string, Record<string, unknown>> = {};
  for (const [key, tree] of Object.entries(TREE_KEYS)) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (!isRecord(v)) throw typeError(key, 'a mapping');
    trees[tree] = { ...(trees[tree] ?? {}), ...v };
  }
  const flags = raw.flags ?? {};
  return {
    name,
    version: optionalString(raw, 'version') ?? '1.0.0',
    profile: optionalString(raw, 'profile'),
    configVersion: Number(raw['config-version'] ?? 2),
    modelPaths, seedPaths, testPaths, macroPaths, snapshotPaths, analysisPaths,
    docsPaths: stringList(raw, 'docs-paths', [...modelPaths, ...seedPaths, ...testPaths, ...macroPaths, ...snapshotPaths, ...analysisPaths]),
    assetPaths: stringList(raw, 'asset-paths', []),
    targetPath,
    packagesInstallPath: optionalString(raw, 'packages-install-path') ?? 'dbt_packages',
    cleanTargets: stringList(raw, 'clean-targets', [targetPath]),
    vars,
    onRunStart: hooks(raw['on-run-start'], 'on-run-start'),
    onRunEnd: hooks(raw['on-run-end'], 'on-run-end'),
    dispatch: dispatchList(raw.dispatch),
    trees,
    unrenderedTrees: { ...trees },
    quoting: quoting as Record<string, boolean>,
    requireDbtVersion: raw['require-dbt-version'],
    queryComment: raw['query-comment'],
    flags: isRecord(flags) ? flags : {},
    raw,
  };
}
