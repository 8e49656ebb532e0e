import { homedir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { GlobalArgs } from '../global-options.js';
import { defaultsPrompter } from '../init/defaults-prompter.js';
import { initProject } from '../init/init-project.js';
import type { Prompter } from '../init/prompter.js';

export interface InitArgs extends GlobalArgs {
  /** The positional, as dbt spells it. */
  project_name?: string;
  skipProfileSetup?: boolean;
}

/** What to type next; --profiles-dir is repeated when profiles.yml is where tsdbt would not look by itself. */
function nextSteps(projectDir: string, profilesDir: string | undefined, wroteProfile: boolean, profile: string | undefined): string {
  const flag = profilesDir ? ` --profiles-dir ${/\s/.test(profilesDir) ? JSON.stringify(profilesDir) : profilesDir}` : '';
  const lines = [`  cd ${relative(process.cwd(), projectDir) || '.'}`];
  if (!wroteProfile && !profile) lines.push("  (write the project's profile into profiles.yml, or run 'tsdbt init' in the folder)");
  lines.push(`  tsdbt debug${flag}`, `  tsdbt build${flag}`);
  return lines.join('\n');
}

/**
 * `tsdbt init`: at a terminal it asks (@clack/prompts); without one it takes every default and says so, so that CI
 * and scripts can run it. Errors reach the CLI's error report (usage errors exit 2).
 */
export async function initHandler(argv: InitArgs): Promise<number> {
  const log = (message: string) => {
    if (argv.quiet) return;
    if (argv.logFormat === 'json') process.stdout.write(`${JSON.stringify({ level: 'info', message })}\n`);
    else process.stdout.write(`${message}\n`);
  };
  const interactive = process.stdin.isTTY === true;
  // The prompt library loads only when someone is there to answer.
  const prompter: Prompter = interactive ? (await import('../init/clack-prompter.js')).clackPrompter() : defaultsPrompter();
  // Absolute: messages name it, and the next steps run from the new project's folder.
  const profilesDir = resolve(argv.profilesDir ?? (process.env.DBT_PROFILES_DIR || join(homedir(), '.dbt')));
  const result = await initProject({
    cwd: process.cwd(),
    projectName: argv.project_name,
    projectDir: argv.projectDir,
    profilesDir,
    profile: argv.profile,
    skipProfileSetup: argv.skipProfileSetup,
    prompter,
    interactive,
    log,
  });
  if (result.createdProject) {
    log(`\nYour new tsdbt project "${basename(result.createdProject)}" was created!\n\nNext:\n${nextSteps(result.createdProject, argv.profilesDir === undefined ? undefined : profilesDir, !!result.profileWritten, argv.profile)}`);
  }
  return 0;
}
