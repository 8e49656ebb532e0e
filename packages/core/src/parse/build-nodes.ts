import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { buildDbtContext } from '../context/dbt-context.js';
import { resetNodeIndex } from '../context/node-index.js';
import { newCapture } from '../context/render-scope.js';
import { mergeConfig } from '../config/merge-config.js';
import { dependencyMaps, manifestMacros } from '../manifest/build-manifest.js';
import type { ManifestNode, NodeConfig } from '../manifest/types.js';
import type { ParsedProject } from '../project/parsed-project.js';
import { applyPatch, KIND_OF } from '../properties/apply-patch.js';
import { applyContract } from '../properties/contract.js';
import { buildSources } from '../properties/build-sources.js';
import { patchKey, readProperties, type Properties } from '../properties/read-properties.js';
import { renderString } from '../util/render-value.js';
import { addNodes, createFileNodes } from './create-nodes.js';
import { discoverFiles, type PackageFiles } from './discover-files.js';
import { buildExposures, buildUnitTests } from './extra-resources.js';
import { genericTestNodes } from './generic-test-nodes.js';
import { yamlSnapshots } from './yaml-snapshots.js';
import { applyModelVersions } from './model-versions.js';
import { loadDocs } from './load-docs.js';
import { assignRelationName, overriddenNamers } from './relation-names.js';
import { renderForParse } from './render-for-parse.js';
import { fillMacroDependencies } from './macro-dependencies.js';
import { displayFile, throwIfErrors } from './render-errors.js';
import { finalizeConfig, layeredConfig, projectTreeConfig, unrenderedConfig } from './resolve-config.js';
import { findCycles, resolveDependencies } from './resolve-dependencies.js';
import { applyGovernance } from './node-governance.js';
import { checkAccess } from './check-access.js';
import { checkMicrobatchConfigs } from '../properties/microbatch-config.js';
import { trimmed } from '../util/trimmed.js';

const RENDERED = new Set(['model', 'snapshot', 'analysis', 'test']);

/** A renderer for descriptions and source properties (doc(), var(), env_var(), target), one context per package. */
function textRenderer(project: ParsedProject, problems: Diagnostic[]) {
  const contexts = new Map<string, Record<string, unknown>>();
  return (text: string, pkg: string, file = 'properties'): string => {
    if (!text.includes('{{') && !text.includes('{%')) return text;
    let ctx = contexts.get(pkg);
    if (!ctx) {
      ctx = buildDbtContext({ project, packageName: pkg, runtime: { execute: false }, parsing: true, capture: newCapture(), results: new Map() });
      contexts.set(pkg, ctx);
    }
    try {
      return renderString(project.engine, text, ctx, file);
    } catch (error) {
      const d = (error as { diagnostics?: Diagnostic[] }).diagnostics;
      problems.push(...(d ?? [{ code: 'TSDBT_JINJA_RENDER', severity: 'error' as const, message: String(error), file }]));
      return text;
    }
  };
}

/** The parse pipeline: files → nodes → property YAML → render (execute=false) → names → tests → dependencies. */
export function buildNodes(project: ParsedProject): void {
  const problems: Diagnostic[] = [];
  const { manifest, packages } = project;
  const files = new Map<string, PackageFiles>(packages.map((p) => [p.name, discoverFiles(p)]));
  void project.engine;
  problems.push(...(project.macroProblems ?? []));
  loadDocs(packages, new Map(packages.map((p) => [p.name, files.get(p.name)!.docs])), project.docs, manifest, problems);
  const props: Properties = { patches: new Map(), sources: [], exposures: [], unitTests: [], groups: [] };
  for (const pkg of packages) {
    addNodes(manifest.nodes, createFileNodes(pkg, files.get(pkg.name)!), packages, problems);
    readProperties(pkg, files.get(pkg.name)!.properties, props, problems);
  }
  addNodes(manifest.nodes, yamlSnapshots(props, manifest.nodes, problems), packages, problems);
  applyModelVersions(manifest.nodes, props, problems);
  const render = textRenderer(project, problems);
  const disabled = configureNodes(project, props, render, problems);
  const namers = overriddenNamers(project);
  for (const node of Object.values(manifest.nodes)) nameNode(project, node, namers, problems);
  addSources(project, props, render, problems);
  addGenericTests(project, props, namers, problems);
  resetNodeIndex(manifest);
  for (const e of buildExposures(props.exposures, render, problems)) manifest.exposures[e.unique_id as string] = e;
  // The nodes are all in: one list for the passes below (listing 30,000 keys of an object is not free).
  const nodes = Object.values(manifest.nodes);
  resolveDependencies(project, disabled, problems, nodes);
  resolveExposures(project, problems);
  applyGovernance(manifest, packages, props.groups, nodes, problems);
  checkAccess(project, nodes, Object.values(manifest.exposures) as ManifestNode[], problems);
  checkMicrobatchConfigs(packages, manifest, nodes, problems);
  for (const u of buildUnitTests(props.unitTests, manifest, problems)) manifest.unit_tests[u.unique_id] = u;
  findCycles(project, problems, nodes);
  manifest.macros = manifestMacros(project.engine, new Map(packages.map((p) => [p.name, p.relDir])));
  fillMacroDependencies(project, manifest.macros, nodes);
  patchMacros(project, props, render);
  dependencyMaps(manifest);
  project.diagnostics.push(...problems.filter((p) => p.severity !== 'error'));
  throwIfErrors(problems, project.diagnostics);
}

type Render = ReturnType<typeof textRenderer>;

const HOOKS = new Set(['pre_hook', 'post_hook', 'pre-hook', 'post-hook', '+pre-hook', '+post-hook']);

/** Jinja in property-YAML config values renders at parse (`schema: "{{ var('s') }}"`); hooks render at run time. */
function renderConfigValues(config: Record<string, unknown>, text: (t: string) => string): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes('{{') || v.includes('{%') ? text(v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, HOOKS.has(k) ? v : walk(v)]));
}

/** Property YAML, project trees and a parse render give each file node its config; returns the disabled ones (removed). */
function configureNodes(project: ParsedProject, props: Properties, render: Render, problems: Diagnostic[]): Map<string, ManifestNode> {
  const { manifest, packages } = project;
  const disabled = new Map<string, ManifestNode>();
  for (const node of Object.values(manifest.nodes)) {
    const kind = KIND_OF[node.resource_type];
    const patchName = node.version !== undefined && node.version !== null ? `${node.name}.v${node.version}` : node.name;
    const patch = kind ? props.patches.get(patchKey(node.package_name, kind, patchName)) : undefined;
    const text = (t: string) => render(t, node.package_name, patch!.file);
    const written = patch ? applyPatch(node, patch, text) : {};
    const yml = patch ? renderConfigValues(written, text) : {};
    node.config = layeredConfig(packages, node, yml);
    let inFile: Record<string, unknown> = {};
    if (RENDERED.has(node.resource_type) && node.config.enabled !== false) {
      const capture = renderForParse(project, node, problems);
      if (capture) {
        node.config = mergeConfig(node.config, capture.config) as NodeConfig;
        // Exact-length copies: the capture's lists were grown by push (see trimmed).
        node.refs = trimmed(capture.refs);
        node.sources = dedupeSources(capture.sources);
        node.depends_on.macros = trimmed(capture.macros);
        inFile = capture.config;
      }
    }
    node.unrendered_config = unrenderedConfig(packages, node, written, inFile);
    const shown = displayFile(project, node.package_name, node.original_file_path);
    finalizeConfig(node, shown, problems);
    if (node.resource_type === 'model' && node.config.enabled !== false) applyContract(node, !!patch, shown, problems, packages);
    if (node.config.enabled === false) disabled.set(node.unique_id, node);
  }
  for (const [id, node] of disabled) {
    delete manifest.nodes[id];
    manifest.disabled[id] = [node];
  }
  return disabled;
}

/** Generic tests from property YAML, for enabled models, seeds, snapshots and sources. */
function addGenericTests(project: ParsedProject, props: Properties, namers: Set<string>, problems: Diagnostic[]): void {
  const { manifest, packages } = project;
  const enabled = new Set([...Object.keys(manifest.nodes), ...Object.keys(manifest.sources)]);
  for (const { node, ymlConfig } of genericTestNodes(props, enabled, problems)) {
    node.config = layeredConfig(packages, node, ymlConfig);
    node.unrendered_config = unrenderedConfig(packages, node, ymlConfig);
    finalizeConfig(node, displayFile(project, node.package_name, node.original_file_path), problems);
    if (node.config.enabled === false) continue;
    addNodes(manifest.nodes, [node], packages, problems);
    nameNode(project, node, namers, problems);
  }
}

function nameNode(project: ParsedProject, node: ManifestNode, namers: Set<string>, problems: Diagnostic[]): void {
  try {
    assignRelationName(project, node, namers);
  } catch (error) {
    const d = (error as { diagnostics?: Diagnostic[] }).diagnostics;
    problems.push(...(d ?? [{ code: 'TSDBT_JINJA_RENDER', severity: 'error' as const, message: String(error), file: node.original_file_path }]));
  }
}

function addSources(project: ParsedProject, props: Properties, render: (t: string, pkg: string) => string, problems: Diagnostic[]): void {
  const ctx = {
    dialect: project.dialect, defaultDatabase: project.target.database, quoting: project.config.quoting, render,
    treeConfig: (fqn: string[], pkg: string) => projectTreeConfig(project.packages, { resource_type: 'source', package_name: pkg, fqn }),
  };
  for (const src of buildSources(props.sources, ctx, problems)) {
    if (src.config.enabled === false) project.manifest.disabled[src.unique_id] = [src];
    else project.manifest.sources[src.unique_id] = src;
  }
}

function resolveExposures(project: ParsedProject, problems: Diagnostic[]): void {
  resolveDependencies(project, new Map(), problems, Object.values(project.manifest.exposures) as ManifestNode[]);
}

/** `macros:` entries of property YAML: description, arguments and docs on the manifest's macro. */
function patchMacros(project: ParsedProject, props: Properties, render: (t: string, pkg: string) => string): void {
  for (const patch of props.patches.values()) {
    if (patch.kind !== 'macros') continue;
    const macro = project.manifest.macros[`macro.${patch.pkg.name}.${patch.entry.name}`] as Record<string, unknown> | undefined;
    if (!macro) continue;
    if (typeof patch.entry.description === 'string') macro.description = render(patch.entry.description, patch.pkg.name);
    if (Array.isArray(patch.entry.arguments)) macro.arguments = patch.entry.arguments;
    macro.patch_path = `${patch.pkg.name}://${patch.file}`;
  }
}

function dedupeSources(list: [string, string][]): [string, string][] {
  if (list.length < 2) return trimmed(list);
  const seen = new Set<string>();
  return trimmed(list.filter(([s, t]) => !seen.has(`${s}.${t}`) && !!seen.add(`${s}.${t}`)));
}
