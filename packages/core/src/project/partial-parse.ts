import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { md5 } from '../util/hash.js';
import { writeTargetFile } from '../util/write-file.js';
import { readForHash } from '../util/read-cache.js';
import { statStamp } from '../util/walk-files.js';
import { discoverFiles } from '../parse/discover-files.js';
import type { ProjectPackage } from './packages.js';

/**
 * Bump when this file's layout changes. A change of what a parse produces needs no bump: PARSER_VERSION changes with
 * each release and each build of core.
 */
// 2: test aliases without folders, store_failures paired with store_failures_as, tests without hooks.
// 3: tests named by a project's own generate_alias_name.
const FORMAT = 'tsdbt-partial-parse-4';
const FILE = 'partial_parse.json';
const TEMPLATES = 'tsdbt_templates.json';

/**
 * The tsdbt that parsed: a cache written by another one is not reused, as dbt re-parses after an upgrade ("version
 * mismatch"). Core's package version, plus the time its tsc output was built when there is one, so that a rebuilt
 * checkout re-parses too without a FORMAT bump (an npm install gives every file one fixed mtime: the version decides).
 */
let parserVersion: string | undefined;
// Read once, when a parse is first saved or reused: commands that never parse (--version, init) skip the file reads.
export function PARSER_VERSION(): string {
  if (parserVersion === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const built = statSync(new URL('../../dist/.tsbuildinfo', import.meta.url), { throwIfNoEntry: false });
    parserVersion = built ? `${pkg.version}+${Math.trunc(built.mtimeMs)}` : pkg.version;
  }
  return parserVersion;
}

/**
 * What decides a parse's result besides the files: dbt keys its partial_parse.msgpack on the same things
 * (vars, profile, target, env vars read) plus a hash of every file.
 */
export interface ParseInputs {
  key: string;
  /** File → content hash. */
  files: Record<string, string>;
  /** File → `size:mtime`; an unchanged stat reuses the recorded hash without reading the file (as make does). */
  stats?: Record<string, string>;
}

export interface PartialParseState extends ParseInputs {
  format: string;
  /** PARSER_VERSION of the tsdbt that wrote it (dbt records its version in the saved manifest the same way). */
  version: string;
  envVars: Record<string, string | null>;
  /** manifest.json as written after this parse: reused when its size and mtime still match. */
  manifestStat: { size: number; mtimeMs: number };
  docs: [string, string][];
  warnings: Diagnostic[];
}

/** A file under a folder: a plain concatenation, as the walk names it (path.join normalises: 2 µs a call adds up). */
const under = (dir: string, file: string) => (dir.endsWith(sep) ? `${dir}${file}` : `${dir}/${file}`);

/** The package's input files (absolute paths) and the stamps the walk took of them. */
function packageFiles(pkg: ProjectPackage): { paths: string[]; stamps: Map<string, string> } {
  const d = discoverFiles(pkg);
  const files = [d.models, d.seeds, d.snapshots, d.analyses, d.tests, d.macros, d.properties, d.docs].flatMap((list) => list.map((f) => f.file));
  for (const f of ['dbt_project.yml', 'packages.yml', 'dependencies.yml', 'selectors.yml']) if (existsSync(join(pkg.dir, f))) files.push(f);
  return { paths: [...new Set(files)].map((f) => under(pkg.dir, f)), stamps: d.stamps };
}

/** Hashes every input file, reading only those whose size or mtime differ from the previous parse's record. */
export function parseInputs(packages: ProjectPackage[], extraFiles: string[], keyParts: unknown, previous?: ParseInputs): ParseInputs {
  const files: Record<string, string> = {};
  const stats: Record<string, string> = {};
  const add = (path: string, stamp: string) => {
    stats[path] = stamp;
    const known = previous?.stats?.[path] === stamp ? previous.files[path] : undefined;
    files[path] = known ?? md5(readForHash(path));
  };
  for (const pkg of packages) {
    const { paths, stamps } = packageFiles(pkg);
    for (const path of paths) add(path, stamps.get(path) ?? statStamp(statSync(path)));
  }
  for (const path of extraFiles) add(path, statStamp(statSync(path)));
  return { key: md5(JSON.stringify([FORMAT, keyParts])), files, stats };
}

export function loadPartialParse(targetPath: string): PartialParseState | undefined {
  const path = join(targetPath, FILE);
  if (!existsSync(path)) return undefined;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as PartialParseState;
    return state.format === FORMAT && state.version === PARSER_VERSION() ? state : undefined;
  } catch {
    return undefined;
  }
}

/** True when nothing the parse depends on changed since `state` was saved. */
export function isReusable(state: PartialParseState, inputs: ParseInputs, targetPath: string): boolean {
  if (state.key !== inputs.key) return false;
  const a = Object.keys(state.files);
  if (a.length !== Object.keys(inputs.files).length || a.some((f) => state.files[f] !== inputs.files[f])) return false;
  if (Object.entries(state.envVars).some(([k, v]) => (process.env[k] ?? null) !== v)) return false;
  const manifest = join(targetPath, 'manifest.json');
  if (!existsSync(manifest)) return false;
  const st = statSync(manifest);
  return st.size === state.manifestStat.size && st.mtimeMs === state.manifestStat.mtimeMs;
}

export async function savePartialParse(targetPath: string, state: Omit<PartialParseState, 'format' | 'version'>): Promise<void> {
  writeTargetFile(join(targetPath, FILE), JSON.stringify({ format: FORMAT, version: PARSER_VERSION(), ...state }));
}

export const templatesFile = (targetPath: string) => join(targetPath, TEMPLATES);
