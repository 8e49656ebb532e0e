import { askTarget } from './ask-target.js';
import { ADAPTERS, PROFILE_TEMPLATES, type AdapterName, type ProfileTemplate } from './profile-template.js';
import { hasProfile, writeProfile, type ProfileEntry } from './profiles-file.js';
import type { Prompter } from './prompter.js';

export interface ProfileSetup {
  profilesPath: string;
  name: string;
  entry: ProfileEntry;
  /** Where the questions came from, for the closing message. */
  source: string;
}

export interface AskProfileOptions {
  profilesPath: string;
  name: string;
  prompter: Prompter;
  /** False without a terminal: the defaults are taken, and said. */
  interactive: boolean;
  /** A project's own profile_template.yml, which replaces the warehouse question and its template. */
  projectTemplate?: ProfileTemplate;
  log: (line: string) => void;
}

/** Keys whose answers are never printed. */
const SECRET = /password|passphrase|token|secret|private_key$/;

function shown(target: Record<string, unknown>): string {
  return Object.entries(target)
    .filter(([k]) => k !== 'type')
    .map(([k, v]) => `${k}: ${SECRET.test(k) ? '****' : String(v)}`)
    .join(', ');
}

/**
 * Asks for a profile (dbt's setup_profile): whether to overwrite one of that name, which warehouse, then its
 * template's prompts. Undefined when the user keeps the existing profile. Writes nothing: init asks every
 * question before it writes a file, so that Ctrl-C leaves nothing behind.
 */
export async function askProfile(options: AskProfileOptions): Promise<ProfileSetup | undefined> {
  const { profilesPath, name, prompter, log } = options;
  if (hasProfile(profilesPath, name)) {
    if (!options.interactive) {
      log(`Profile '${name}' already exists in ${profilesPath}: left as it is (stdin is not a terminal to ask whether to overwrite it).`);
      return undefined;
    }
    const overwrite = await prompter.confirm({ message: `The profile ${name} already exists in ${profilesPath}. Continue and overwrite it?` });
    if (!overwrite) {
      log(`Profile '${name}' left as it is.`);
      return undefined;
    }
  }
  let template = options.projectTemplate;
  let source = "the project's profile_template.yml";
  if (!template) {
    const adapter = (await prompter.select({ message: 'Which database would you like to use?', options: ADAPTERS, initial: ADAPTERS[0].value })) as AdapterName;
    template = PROFILE_TEMPLATES[adapter];
    source = `${adapter}'s profile template`;
  }
  const target = await askTarget(template, prompter);
  if (!options.interactive) log(`stdin is not a terminal: took the defaults (${target.type ?? 'target'}: ${shown(target)}).`);
  const answers = options.interactive ? 'your answers' : 'its defaults';
  return { profilesPath, name, entry: { target: 'dev', outputs: { dev: target } }, source: `${source} and ${answers}` };
}

/** Writes the profile askProfile returned, and says where. */
export function saveProfile(setup: ProfileSetup, log: (line: string) => void): void {
  writeProfile(setup.profilesPath, setup.name, setup.entry);
  log(`Profile ${setup.name} written to ${setup.profilesPath} using ${setup.source}. Run 'tsdbt debug' to validate the connection.`);
}
