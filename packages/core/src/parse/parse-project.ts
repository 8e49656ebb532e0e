import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { asProjectError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { JinjaEngine, type CompiledTemplates, type Logger } from '../jinja/index.js';
import { emptyManifest } from '../manifest/build-manifest.js';
import type { Manifest } from '../manifest/types.js';
import { loadPackages, type ProjectPackage } from '../project/packages.js';
import type { ParseOptions, ParsedProject } from '../project/parsed-project.js';
import { parseVars } from '../project/parse-vars.js';
import { isReusable, loadPartialParse, parseInputs, templatesFile, type PartialParseState } from '../project/partial-parse.js';
import { loadProjectConfig } from '../project/project-config.js';
import { loadProfile, type LoadedProfile } from '../profiles/load-profile.js';
import { md5 } from '../util/hash.js';
import { renderDeep } from '../util/render-value.js';
import { walkFiles } from '../util/walk-files.js';
import { dropKeptFiles } from '../util/read-cache.js';
import { makeEnvVar, recordEnvVars } from '../context/env-var.js';
import { makeVar } from '../context/vars.js';
import { templateLogs } from '../compile/parse-output.js';
import { buildNodes } from './build-nodes.js';
import { discoverFiles } from './discover-files.js';
import { INCLUDE_DIR, loadMacros } from './load-macros.js';

const HOOK_KEYS = new Set(['+pre-hook', '+post-hook', 'pre-hook', 'post-hook', '+pre_hook', '+post_hook', 'pre_hook', 'post_hook']);

/** Renders Jinja in dbt_project.yml config trees (`+schema: "{{ var('s') }}"`); hooks stay raw and render at run time. */
function renderTrees(project: ParsedProject): void {
  for (const pkg of project.packages) {
    const ctx = { env_var: makeEnvVar(), var: makeVar(project, pkg.name, { execute: false }), target: project.safeTarget };
    for (const [key, tree] of Object.entries(pkg.config.trees)) {
      pkg.config.trees[key] = renderDeep(project.engine, tree, ctx, pkg.relDir ? `${pkg.relDir}/dbt_project.yml` : 'dbt_project.yml', HOOK_KEYS) as Record<string, unknown>;
    }
  }
}

/** The project's engine: compiled templates of earlier runs revived (keyed by template text), macros registered. */
function createEngine(rootName: string, packages: ProjectPackage[], targetPath: string, problems: Diagnostic[], logger?: Logger): JinjaEngine {
  const engine = new JinjaEngine({
    rootPackage: rootName,
    logger: (event) => {
      templateLogs.count++;
      logger?.(event);
    },
  });
  const saved = templatesFile(targetPath);
  if (existsSync(saved)) {
    try {
      engine.importCompiled(JSON.parse(readFileSync(saved, 'utf8')) as CompiledTemplates);
    } catch {
      // A damaged cache only costs the compile it would have saved.
    }
  }
  loadMacros(engine, packages, new Map(packages.map((p) => [p.name, discoverFiles(p).macros])), problems);
  return engine;
}

/** A reused parse: manifest.json is read only if something asks for the manifest. */
function lazyManifest(targetPath: string, invocationId: string): () => Manifest {
  let manifest: Manifest | undefined;
  return () => {
    if (!manifest) {
      manifest = JSON.parse(readFileSync(join(targetPath, 'manifest.json'), 'utf8')) as Manifest;
      manifest.metadata.invocation_id = invocationId;
      manifest.metadata.generated_at = new Date().toISOString();
    }
    return manifest;
  };
}

/** Loads, renders and resolves a dbt project into a manifest. Every problem is collected and thrown together. */
export async function parseProject(options: ParseOptions = {}): Promise<ParsedProject> {
  const projectDir = resolve(options.projectDir ?? process.env.DBT_PROJECT_DIR ?? '.');
  const warnings: Diagnostic[] = [];
  const envReads = new Map<string, string | null>();
  recordEnvVars(envReads);
  try {
    const cliVars = parseVars(options.vars);
    const config = loadProjectConfig(projectDir, warnings);
    const root: ProjectPackage = { name: config.name, dir: projectDir, relDir: '', config, isRoot: true };
    const packages = loadPackages(root, warnings);
    const profile = await loadProfile({ projectDir, profileName: config.profile ?? config.name, profileFlag: options.profile, profilesDir: options.profilesDir, target: options.target, threads: options.threads, cliVars, engine: new JinjaEngine() });
    const { profileName } = profile;
    const targetPath = resolve(projectDir, options.targetPath ?? process.env.DBT_TARGET_PATH ?? config.targetPath);
    const previous = options.noPartialParse ? undefined : loadPartialParse(targetPath);
    const builtins = walkFiles(INCLUDE_DIR, 'macros', ['.sql']).map((f) => join(INCLUDE_DIR, f));
    // --threads is left out, as dbt leaves it out of its partial-parse check: a run with other threads reuses the parse.
    const { threads: _threads, ...targetKey } = profile.safeTarget;
    const inputs = parseInputs(packages, [profile.profilesPath, ...builtins], [cliVars, targetKey, profileName, packages.map((p) => [p.name, p.dir])], previous);
    const reuse = previous && isReusable(previous, inputs, targetPath) ? previous : undefined;
    const project = assemble({ projectDir, config, packages, profile, profileName, cliVars, targetPath, warnings, reuse, logger: options.logger });
    if (!reuse) {
      renderTrees(project);
      buildNodes(project);
    }
    const statsUnchanged = !!reuse && sameStats(reuse.stats, inputs.stats);
    project.partialParse = { inputs, envVars: reuse ? reuse.envVars : Object.fromEntries(envReads), reused: !!reuse, statsUnchanged };
    return project;
  } catch (error) {
    throw asProjectError(error);
  } finally {
    recordEnvVars(undefined);
    dropKeptFiles();
  }
}

function sameStats(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

interface AssembleArgs {
  projectDir: string;
  config: ParsedProject['config'];
  packages: ProjectPackage[];
  profile: LoadedProfile;
  profileName: string;
  cliVars: Record<string, unknown>;
  targetPath: string;
  warnings: Diagnostic[];
  reuse?: PartialParseState;
  logger?: Logger;
}

function assemble(a: AssembleArgs): ParsedProject {
  const invocationId = randomUUID();
  let engine: JinjaEngine | undefined;
  let manifest: Manifest | undefined = a.reuse ? undefined : emptyManifest(a.config.name, a.profile.target.type, invocationId, md5(a.config.name));
  const readManifest = lazyManifest(a.targetPath, invocationId);
  const engineProblems: Diagnostic[] = [];
  return {
    projectDir: a.projectDir,
    projectName: a.config.name,
    config: a.config,
    target: a.profile.target,
    adapter: a.profile.adapter,
    dialect: a.profile.adapter.createDialect(a.profile.target),
    get manifest(): Manifest {
      return (manifest ??= readManifest());
    },
    set manifest(m: Manifest) {
      manifest = m;
    },
    get engine(): JinjaEngine {
      // Built on first use: a reused parse that only rewrites nothing never compiles a macro.
      return (engine ??= createEngine(a.config.name, a.packages, a.targetPath, engineProblems, a.logger));
    },
    diagnostics: a.reuse ? a.reuse.warnings : a.warnings,
    targetPath: a.targetPath,
    packages: a.packages,
    safeTarget: a.profile.safeTarget,
    profileName: a.profileName,
    cliVars: a.cliVars,
    docs: new Map(a.reuse?.docs ?? []),
    invocationId,
    runStartedAt: new Date(),
    macroProblems: engineProblems,
    manifestLoaded: () => manifest !== undefined,
    engineLoaded: () => engine !== undefined,
  } as ParsedProject;
}
