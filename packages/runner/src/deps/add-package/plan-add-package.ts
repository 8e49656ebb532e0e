import { join } from 'node:path';
import { isTsdbtError, TsdbtError } from '@tsdbt/core';
import type { DepsEvent } from '../types.js';
import { editSpecFile, type EditedSpecFile } from './edit-spec-file.js';
import { pyRepr } from './find-duplicates.js';
import { parseAddPackage, type AddRequest } from './parse-add-package.js';

/** What `--add-package` will write: the request and packages.yml's new text (written once the install succeeded). */
export interface AddPlan {
  request: AddRequest;
  edit: EditedSpecFile;
  path: string;
}

/** Parses `--add-package` and edits packages.yml in memory; nothing is written or said yet (see announceAddPackage). */
export function planAddPackage(projectDir: string, value: string, source: string | undefined): AddPlan {
  const request = parseAddPackage(value, source, projectDir);
  const edit = editSpecFile(projectDir, request.entry, request.name);
  return { request, edit, path: join(projectDir, edit.file) };
}

/**
 * Says what `--add-package` wrote, in dbt's words and order (`Created packages.yml`, duplicates, `Added new package
 * ...`). Called once packages.yml is committed: dbt writes it before installing, tsdbt only after the install
 * succeeded, so a failed install must not claim a file it never wrote.
 */
export function announceAddPackage(plan: AddPlan, emit: (e: DepsEvent) => void): void {
  if (!plan.edit.existed) emit({ level: 'info', message: `Created ${plan.edit.file}` });
  for (const removed of plan.edit.replaced) emit({ level: 'info', message: `Found duplicate package in packages.yml, removing: ${pyRepr(removed)}` });
  const what = plan.request.version === undefined ? plan.request.name : `${plan.request.name}@${plan.request.version}`;
  emit({ level: 'info', message: `Added new package ${what} to ${plan.path}` });
}

/**
 * An error about the added entry names `--add-package` rather than a line of a file that was never written, and
 * says that nothing was written. Errors about other entries keep their file and line.
 */
export function blameAddPackage(error: unknown, plan: AddPlan): unknown {
  if (!isTsdbtError(error)) return error;
  const arg = `--add-package ${plan.request.version === undefined ? plan.request.name : `${plan.request.name}@${plan.request.version}`}`;
  const untouched = `${plan.edit.file} and package-lock.yml were left as they were.`;
  const diagnostics = error.diagnostics.map((d) => {
    if (d.file !== plan.edit.file || d.line !== plan.edit.line) return { ...d, hint: d.hint ? `${d.hint} ${untouched}` : untouched };
    const hint = (d.hint ?? '').replace(/ in (packages|dependencies)\.yml/g, ` in ${arg.split(' ')[0]}`);
    return { ...d, file: undefined, line: undefined, message: `${arg}: ${d.message}`, hint: `${hint} ${untouched}`.trim() };
  });
  const e = new TsdbtError(error.code, diagnostics[0]?.message ?? error.message, { diagnostics, cause: error.cause, exitCode: error.exitCode });
  e.stack = error.stack;
  return e;
}
