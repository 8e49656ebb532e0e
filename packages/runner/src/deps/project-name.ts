import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The `name` in a package's dbt_project.yml: the folder dbt installs it under. Undefined when there is none. */
export function projectName(dir: string): string | undefined {
  const path = join(dir, 'dbt_project.yml');
  if (!existsSync(path)) return undefined;
  try {
    const raw = parse(readFileSync(path, 'utf8')) as { name?: unknown } | null;
    return typeof raw?.name === 'string' ? raw.name : undefined;
  } catch {
    return undefined;
  }
}
