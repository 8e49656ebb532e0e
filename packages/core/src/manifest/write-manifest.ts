import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedProject } from '../project/parsed-project.js';
import { savePartialParse, templatesFile } from '../project/partial-parse.js';

/**
 * Writes target/manifest.json (dbt v12 shape) and returns its path. Also saves what the next run reuses:
 * target/partial_parse.json (input hashes; a run with nothing changed reads this manifest back instead of parsing)
 * and the compiled templates. A reused parse whose manifest nobody touched has nothing new to write.
 */
export async function writeManifest(project: ParsedProject): Promise<string> {
  const path = join(project.targetPath, 'manifest.json');
  const pp = project.partialParse;
  const untouched = pp?.reused && project.manifestLoaded && !project.manifestLoaded() && existsSync(path);
  if (!untouched) {
    await mkdir(project.targetPath, { recursive: true });
    project.manifest.metadata.generated_at = new Date().toISOString();
    await writeFile(path, JSON.stringify(project.manifest));
  }
  // A reused parse still records the files' current stats, so the next run skips hashing them.
  if (pp) {
    const st = statSync(path);
    await savePartialParse(project.targetPath, {
      ...pp.inputs,
      envVars: pp.envVars,
      manifestStat: { size: st.size, mtimeMs: st.mtimeMs },
      docs: [...project.docs],
      warnings: project.diagnostics,
    });
  }
  if (untouched) return path;
  if (!project.engineLoaded || project.engineLoaded()) await writeFile(templatesFile(project.targetPath), JSON.stringify(project.engine.exportCompiled()));
  return path;
}
