import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import { parse } from 'yaml';
import { createProject, folderExists } from './create-project.js';
import { checkProjectName, NAME_RULE, projectNameProblem } from './project-name.js';
import type { ProfileTemplate } from './profile-template.js';
import { hasProfile } from './profiles-file.js';
import type { Prompter } from './prompter.js';
import { askProfile, saveProfile } from './setup-profile.js';

export interface InitOptions {
  /** The folder a new project is created in. */
  cwd: string;
  /** The positional `project_name`. */
  projectName?: string;
  /** --project-dir: the existing project whose profile to set up (default: cwd, when it holds dbt_project.yml). */
  projectDir?: string;
  /** The folder of the profiles.yml to write. */
  profilesDir: string;
  /** --profile: an existing profile the new project uses (no profile is written). */
  profile?: string;
  skipProfileSetup?: boolean;
  prompter: Prompter;
  /** Whether the prompter is a person at a terminal (false: defaults, never overwrite). */
  interactive: boolean;
  log: (line: string) => void;
}

export interface InitResult {
  /** The new project's folder; undefined when init only set up an existing project's profile. */
  createdProject?: string;
  /** The profiles.yml written, if any. */
  profileWritten?: string;
}

function usage(code: string, message: string, hint: string): TsdbtError {
  return new TsdbtError(code, message, { exitCode: 2, hint });
}

/** dbt_project.yml's `profile` (its `name` when it has none), read without parsing the project. */
function projectProfile(dir: string): string {
  const file = join(dir, 'dbt_project.yml');
  let doc: Record<string, unknown> | null;
  try {
    doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
  } catch (error) {
    throw usage('TSDBT_PROJECT_INVALID', `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'Fix it, then run tsdbt init again.');
  }
  const name = doc?.profile ?? doc?.name;
  if (typeof name !== 'string' || !name) throw usage('TSDBT_PROJECT_INVALID', `${file} names no profile`, "Add 'profile: <name>' to it.");
  return name;
}

/** A project's own profile_template.yml (dbt: it replaces the warehouse question); a bad one falls back, as in dbt. */
function projectTemplate(dir: string, log: (line: string) => void): ProfileTemplate | undefined {
  const path = join(dir, 'profile_template.yml');
  if (!existsSync(path)) return undefined;
  try {
    const template = parse(readFileSync(path, 'utf8')) as unknown;
    if (template && typeof template === 'object' && !Array.isArray(template)) return template as ProfileTemplate;
  } catch {
    // Falls through to the warning.
  }
  log('Invalid profile_template.yml in project: asking for the warehouse instead.');
  return undefined;
}

/** Inside an existing project: only its profile is set up, as `dbt init` does there. */
async function initExisting(dir: string, options: InitOptions, profilesPath: string): Promise<InitResult> {
  if (options.profile)
    throw usage('TSDBT_INIT_PROFILE_IN_PROJECT', 'Can not init an existing project with --profile', "Edit the 'profile' of dbt_project.yml instead.");
  const name = projectProfile(dir);
  if (options.skipProfileSetup) {
    options.log(`${relative(options.cwd, dir) || 'This folder'} is already a project and --skip-profile-setup was given: nothing to do.`);
    return {};
  }
  // As dbt: a name given inside a project creates nothing; the project there gets its profile.
  if (options.projectName) options.log(`Not creating '${options.projectName}': ${dir} is already a project.`);
  options.log(`Setting up your profile '${name}' (${join(dir, 'dbt_project.yml')} already exists).`);
  const setup = await askProfile({ ...options, profilesPath, name, projectTemplate: projectTemplate(dir, options.log) });
  if (!setup) return {};
  saveProfile(setup, options.log);
  return { profileWritten: profilesPath };
}

async function projectName(options: InitOptions): Promise<string> {
  if (options.projectName !== undefined) return checkProjectName(options.projectName);
  if (!options.interactive)
    throw usage('TSDBT_INIT_NEEDS_NAME', 'Name the project: stdin is not a terminal to ask for it', 'Run e.g. tsdbt init my_project.');
  return options.prompter.text({ message: `Enter a name for your project (${NAME_RULE})`, validate: projectNameProblem });
}

/**
 * `tsdbt init`, as `dbt init`: inside a project, sets up its profile; elsewhere, creates the starter project in a new
 * folder named for it and (unless --skip-profile-setup or --profile) writes its profile into profiles.yml. Every
 * question is asked before anything is written.
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const profilesPath = join(options.profilesDir, 'profiles.yml');
  const existing = resolve(options.cwd, options.projectDir ?? '.');
  if (existsSync(join(existing, 'dbt_project.yml'))) return initExisting(existing, options, profilesPath);
  if (options.projectDir)
    throw usage('TSDBT_PROJECT_NOT_FOUND', `No dbt_project.yml in --project-dir ${existing}`, 'Leave out --project-dir to create a new project in the current folder.');

  const name = await projectName(options);
  const dir = resolve(options.cwd, name);
  if (existsSync(dir)) throw folderExists(dir, name);
  if (options.profile && !hasProfile(profilesPath, options.profile))
    throw usage('TSDBT_INIT_PROFILE_NOT_FOUND', `Could not find profile named '${options.profile}' in ${profilesPath}`, 'Name a profile of that profiles.yml, or leave out --profile to create one.');

  const profileName = options.profile ?? name;
  const setup = options.profile || options.skipProfileSetup ? undefined : await askProfile({ ...options, profilesPath, name });
  createProject(dir, name, profileName);
  if (setup) saveProfile(setup, options.log);
  return { createdProject: dir, profileWritten: setup ? profilesPath : undefined };
}
