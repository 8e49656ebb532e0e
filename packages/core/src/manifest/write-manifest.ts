import { existsSync, statSync } from 'node:fs';
import { writeTargetFile } from '../util/write-file.js';
import { join } from 'node:path';
import type { ParsedProject } from '../project/parsed-project.js';
import { savePartialParse, templatesFile } from '../project/partial-parse.js';
import { saveParseOutputs } from '../compile/parse-output.js';
import { writeJsonStreamed } from '../util/write-json-streamed.js';

/** Manifest members written entry by entry (see writeJsonStreamed). */
const SPLIT = new Set(['nodes']);

/**
 * Writes target/manifest.json (dbt v12 shape) and returns its path. Also saves what the next run reuses:
 * target/partial_parse.json (input hashes; a run with nothing changed reads this manifest back instead of parsing)
 * and the compiled templates. A reused parse whose manifest nobody touched has nothing new to write.
 */
export async function writeManifest(project: ParsedProject): Promise<string> {
  try {
    return await writeArtifacts(project);
  } finally {
    // Compiled files a deferred compile is still writing: done (or failed) before the command reports.
    const pending = project.pendingWrites;
    project.pendingWrites = undefined;
    await pending;
  }
}

async function writeArtifacts(project: ParsedProject): Promise<string> {
  const path = join(project.targetPath, 'manifest.json');
  const pp = project.partialParse;
  const untouched = pp?.reused && project.manifestLoaded && !project.manifestLoaded() && existsSync(path);
  if (!untouched) {
    project.manifest.metadata.generated_at = new Date().toISOString();
    // Synchronous writes (the promise API writes in 512 KB round trips, about twice as slow), node by node.
    writeJsonStreamed(path, project.manifest as unknown as Record<string, unknown>, SPLIT);
  }
  // A reused parse still records the files' current stats, so the next run skips hashing them
  // (nothing to record when neither the stats nor the manifest changed).
  // No manifest to stat (target/ removed again since it was written): nothing the next run could reuse.
  const st = pp && !(untouched && pp.statsUnchanged) ? statSync(path, { throwIfNoEntry: false }) : undefined;
  if (pp && st) {
    await savePartialParse(project.targetPath, {
      ...pp.inputs,
      envVars: pp.envVars,
      manifestStat: { size: st.size, mtimeMs: st.mtimeMs },
      docs: [...project.docs],
      warnings: project.diagnostics,
    });
  }
  if (pp && !pp.reused) saveParseOutputs(project);
  if (untouched) return path;
  if (!project.engineLoaded || project.engineLoaded()) writeTargetFile(templatesFile(project.targetPath), JSON.stringify(project.engine.exportCompiled()));
  return path;
}
