import { isAbsolute, join, relative, sep } from 'node:path';
import { BackgroundWriter, compiledPath } from '@tsdbt/core';
import type { ManifestNode } from '@tsdbt/core';
import type { Project } from '../core-api.js';

/** dbt writes no target/compiled file for these (its compiler's _write_node skips them); they still get target/run. */
const NO_COMPILED_FILE = new Set(['seed', 'snapshot']);
/** A relative path with nothing for path.join to normalise (no `.`/`..` segment, no doubled or back slash). */
const PLAIN_REL = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)[^\\]*[^/\\]$/u;

/**
 * dbt's per-node files of a run: target/compiled/<package>/<path> once the node compiled, and
 * target/run/<package>/<path> with the node's main statement, noted as that statement starts (so a failed model's
 * file holds the SQL that failed). Paths are dbt's get_target_write_path, as `tsdbt compile` writes them. Files go
 * through core's background writer: the main thread only queues them, and all are on disk when the task ends.
 */
export class NodeFiles {
  private readonly writer: BackgroundWriter;
  private readonly compiledDir: string;
  private readonly runDir: string;
  /** `<project>/` when paths under it can be joined by concatenation (POSIX): path.join per file was measurable. */
  private readonly prefix: string | undefined;
  /** Files noted but not yet handed to the writer (see `scheduleDrain`). */
  private queued: [kind: 'compiled' | 'main', node: ManifestNode, sql: string][] = [];
  private drainScheduled = false;
  private drainError: unknown;
  private lastNode: ManifestNode | undefined;
  private lastRel = '';

  constructor(private readonly project: Project, expectedNodes: number) {
    // Two files per node at most: a large run writes on the writer's worker thread.
    this.writer = new BackgroundWriter(expectedNodes * 2);
    const target = relative(project.projectDir, project.targetPath) || '.';
    this.compiledDir = join(target, 'compiled');
    this.runDir = join(target, 'run');
    this.prefix = sep === '/' && isAbsolute(project.projectDir) ? `${project.projectDir.replace(/\/+$/u, '')}/` : undefined;
  }

  /** The node compiled to `sql` (the SQL its main statement wraps). */
  compiled(node: ManifestNode, sql: string): void {
    // Handed over with the node's run file (or at the end): a drain now would still come before the statement.
    if (!NO_COMPILED_FILE.has(node.resource_type)) this.queued.push(['compiled', node, sql]);
  }

  /** The node's main statement, about to run. */
  main(node: ManifestNode, sql: string): void {
    this.queued.push(['main', node, sql]);
    this.scheduleDrain();
  }

  /** Resolves once every file is on disk; rejects with TSDBT_WRITE_FAILED when one could not be written. */
  async finish(): Promise<number> {
    this.drain();
    if (this.drainError !== undefined) {
      await this.writer.abort();
      throw this.drainError;
    }
    return this.writer.finish();
  }

  /**
   * The paths are worked out and the files handed to the writer (a message to its thread per batch) in a microtask:
   * a node notes its run file just before sending its main statement, within the same synchronous step, so that work
   * overlaps the statement instead of delaying it (at --threads 1 the main thread otherwise waits on the warehouse).
   */
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    queueMicrotask(this.drain);
  }

  private readonly drain = (): void => {
    this.drainScheduled = false;
    const queued = this.queued;
    if (!queued.length) return;
    this.queued = [];
    try {
      for (const [kind, node, sql] of queued) {
        const rel = this.compiledRel(node);
        if (kind === 'compiled') {
          this.writer.add(this.absolute(rel), sql);
          continue;
        }
        const runRel = this.runDir + rel.slice(this.compiledDir.length);
        // The manifest written after the run says where, as dbt's does (its unit test definitions have no build_path).
        if (node.resource_type !== 'unit_test') node.build_path = runRel;
        this.writer.add(this.absolute(runRel), sql);
      }
    } catch (error) {
      this.drainError ??= error;
    }
  };

  /** A node's compiled and run files come one after the other: the path is worked out once for both. */
  private compiledRel(node: ManifestNode): string {
    if (this.lastNode === node) return this.lastRel;
    this.lastRel = compiledPath(this.project, node.resource_type === 'unit_test' ? { ...node, path: this.unitTestPath(node) } : node);
    this.lastNode = node;
    return this.lastRel;
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
    if (isAbsolute(rel)) return rel;
    return this.prefix !== undefined && PLAIN_REL.test(rel) ? this.prefix + rel : join(this.project.projectDir, rel);
  }
}
