import { isAbsolute, join, relative } from 'node:path';
import { BackgroundWriter, compiledPath } from '@tsdbt/core';
import type { ManifestNode } from '@tsdbt/core';
import type { Project } from '../core-api.js';

/** dbt writes no target/compiled file for these (its compiler's _write_node skips them); they still get target/run. */
const NO_COMPILED_FILE = new Set(['seed', 'snapshot']);

/**
 * dbt's per-node files of a run: target/compiled/<package>/<path> once the node compiled, and
 * target/run/<package>/<path> with the node's main statement, written before that statement runs (so a failed
 * model's file holds the SQL that failed). Paths are dbt's get_target_write_path, as `tsdbt compile` writes them.
 * Files go through core's background writer: the main thread only queues them.
 */
export class NodeFiles {
  private readonly writer: BackgroundWriter;
  private readonly compiledDir: string;
  private readonly runDir: string;

  constructor(private readonly project: Project, expectedNodes: number) {
    // Two files per node at most: a large run writes on the writer's worker thread.
    this.writer = new BackgroundWriter(expectedNodes * 2);
    const target = relative(project.projectDir, project.targetPath) || '.';
    this.compiledDir = join(target, 'compiled');
    this.runDir = join(target, 'run');
  }

  /** The node compiled to `sql` (the SQL its main statement wraps). */
  compiled(node: ManifestNode, sql: string): void {
    if (NO_COMPILED_FILE.has(node.resource_type)) return;
    this.writer.add(this.absolute(this.compiledRel(node)), sql);
  }

  /** The node's main statement, about to run. */
  main(node: ManifestNode, sql: string): void {
    const rel = this.compiledRel(node);
    const runRel = this.runDir + rel.slice(this.compiledDir.length);
    // The manifest written after the run says where, as dbt's does (its unit test definitions have no build_path).
    if (node.resource_type !== 'unit_test') node.build_path = runRel;
    this.writer.add(this.absolute(runRel), sql);
  }

  /** Resolves once every file is on disk; rejects with TSDBT_WRITE_FAILED when one could not be written. */
  finish(): Promise<number> {
    return this.writer.finish();
  }

  private compiledRel(node: ManifestNode): string {
    return compiledPath(this.project, node.resource_type === 'unit_test' ? { ...node, path: this.unitTestPath(node) } : node);
  }

  /**
   * dbt runs a unit test as a node whose path is get_pseudo_test_path(name, yml path): `<yml folder>/<name>.sql`,
   * the name suffixed `_v<version>` for a versioned model. Under the YAML file's path that gives dbt's
   * target/compiled/<package>/models/schema.yml/models/<name>.sql.
   */
  private unitTestPath(node: ManifestNode): string {
    const tested = node.depends_on.nodes.find((id) => id.startsWith('model.'));
    const version = tested ? this.project.manifest.nodes[tested]?.version : undefined;
    const name = version === undefined || version === null ? node.name : `${node.name}_v${version}`;
    const ofp = node.original_file_path;
    const slash = Math.max(ofp.lastIndexOf('/'), ofp.lastIndexOf('\\'));
    return slash < 0 ? `${name}.sql` : `${ofp.slice(0, slash)}/${name}.sql`;
  }

  private absolute(rel: string): string {
    return isAbsolute(rel) ? rel : join(this.project.projectDir, rel);
  }
}
