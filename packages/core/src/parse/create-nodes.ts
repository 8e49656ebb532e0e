import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode, ResourceType } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import type { DiscoveredFile, PackageFiles } from './discover-files.js';
import { baseName, createNode, fqnFor } from './node-factory.js';
import { displayFile } from './render-errors.js';
import { parseSnapshotBlocks } from './snapshot-blocks.js';
import { readText } from '../util/read-cache.js';

function read(pkg: ProjectPackage, f: DiscoveredFile): string {
  return readText(join(pkg.dir, f.file));
}

/** Model, seed, snapshot, analysis and singular-test nodes of one package, from its files. */
export function createFileNodes(pkg: ProjectPackage, files: PackageFiles): ManifestNode[] {
  const out: ManifestNode[] = [];
  const simple = (type: ResourceType, list: DiscoveredFile[], prefix: string[] = []) => {
    for (const f of list) {
      const name = baseName(f.path);
      const raw = type === 'seed' ? '' : read(pkg, f);
      const node = createNode({ type, packageName: pkg.name, name, path: f.path, file: f.file, fqn: fqnFor(pkg.name, f.path, name, prefix), rawCode: raw, checksumText: type === 'seed' ? read(pkg, f) : raw, configuredLater: true });
      if (type === 'seed') node.root_path = pkg.dir;
      out.push(node);
    }
  };
  simple('model', files.models);
  simple('seed', files.seeds);
  simple('analysis', files.analyses, ['analysis']);
  simple('test', files.tests);
  for (const f of files.snapshots) {
    const source = read(pkg, f);
    for (const block of parseSnapshotBlocks(source)) {
      const fqn = fqnFor(pkg.name, f.path, block.name);
      out.push(createNode({ type: 'snapshot', packageName: pkg.name, name: block.name, path: f.path, file: f.file, fqn, rawCode: block.body, line: block.line, configuredLater: true }));
    }
  }
  return out;
}

/** Adds nodes to the manifest; two of the same kind and name in one package is an error naming both files. */
export function addNodes(
  nodes: Record<string, ManifestNode>,
  list: ManifestNode[],
  packages: ProjectPackage[],
  problems: Diagnostic[],
): void {
  for (const node of list) {
    const prior = nodes[node.unique_id];
    if (prior) {
      problems.push({
        code: 'TSDBT_DUPLICATE_NODE',
        severity: 'error',
        file: displayFile({ packages }, node.package_name, node.original_file_path),
        message: `Two ${node.resource_type}s are named '${node.name}': ${prior.original_file_path} and ${node.original_file_path}`,
        hint: `Rename one of them (or give one an alias config); names must be unique within a package.`,
      });
      continue;
    }
    nodes[node.unique_id] = node;
  }
}
