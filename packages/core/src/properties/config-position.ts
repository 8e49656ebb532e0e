import { join } from 'node:path';
import type { ManifestNode } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import { KIND_OF } from './apply-patch.js';
import { textPosition, yamlPosition, type Position } from '../util/yaml-position.js';
import { escapeRegExp } from '../util/escape-regexp.js';

export interface Place extends Position {
  /** As the user sees it from the root project. */
  file: string;
}


/**
 * Where a node's config `key` got `value`: its `config()` call, its property YAML entry, else a dbt_project.yml
 * that sets it; the node's own file when none is found. Only called to place a diagnostic.
 */
export function configPlace(packages: ProjectPackage[], node: ManifestNode, key: string, value: string): Place {
  const own = packages.find((p) => p.name === node.package_name) ?? packages[0]!;
  const shown = (pkg: ProjectPackage, file: string) => (pkg.relDir ? join(pkg.relDir, file) : file);
  const quoted = `['"]${escapeRegExp(value)}['"]`;
  if (node.original_file_path.endsWith('.sql')) {
    const at = textPosition(join(own.dir, node.original_file_path), new RegExp(`\\b${key}\\s*=\\s*${quoted}`));
    if (at.line) return { file: shown(own, node.original_file_path), ...at };
  }
  const kind = KIND_OF[node.resource_type];
  const patchFile = node.patch_path?.split('://')[1];
  if (kind && patchFile) {
    const abs = join(own.dir, patchFile);
    for (const path of [[kind, { name: node.name }, 'config', key], [kind, { name: node.name }, key]]) {
      const at = yamlPosition(abs, path);
      if (at.exact) return { file: shown(own, patchFile), line: at.line, column: at.column };
    }
  }
  const inProject = new RegExp(`(?<=^[ \\t-]*)\\+?${key}\\s*:\\s*(?:${quoted}|${escapeRegExp(value)}\\s*(?:#.*)?$)`, 'm');
  for (const pkg of own.isRoot ? [own] : [packages[0]!, own]) {
    const at = textPosition(join(pkg.dir, 'dbt_project.yml'), inProject);
    if (at.line) return { file: shown(pkg, 'dbt_project.yml'), ...at };
  }
  return { file: shown(own, node.original_file_path) };
}
