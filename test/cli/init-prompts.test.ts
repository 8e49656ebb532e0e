// The questions of `tsdbt init` at a terminal, answered by a script (the terminal UI itself is @clack/prompts').
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject, type InitOptions } from '../../packages/cli/src/init/init-project.js';
import { cancelled, type Prompter, type TextQuestion } from '../../packages/cli/src/init/prompter.js';
import { tempDir } from './init-helpers.js';

type Answer = string | boolean | typeof CANCEL;
const CANCEL = Symbol('cancel');

/**
 * Answers questions in order; each answer must go to a question whose message contains its key. A text answer the
 * question's validate() refuses is recorded and the question asked again with the next answer, as at a terminal.
 */
function scripted(script: Array<[string, Answer]>) {
  const asked: string[] = [];
  const refused: string[] = [];
  const next = (message: string): Answer => {
    asked.push(message);
    const step = script.shift();
    if (!step) throw new Error(`unscripted question: ${message}`);
    if (!message.includes(step[0])) throw new Error(`expected a question about '${step[0]}', got: ${message}`);
    if (step[1] === CANCEL) throw cancelled();
    return step[1];
  };
  const text = async (q: TextQuestion): Promise<string> => {
    for (;;) {
      const answer = String(next(q.message));
      if (answer === '' && q.default !== undefined) return q.default;
      const problem = q.validate?.(answer);
      if (!problem) return answer;
      refused.push(problem);
    }
  };
  const prompter: Prompter = {
    text,
    select: async (q) => {
      const answer = String(next(q.message));
      if (!q.options.some((o) => o.value === answer)) throw new Error(`'${answer}' is not an option of: ${q.message}`);
      return answer;
    },
    confirm: async (q) => next(q.message) === true,
  };
  return { prompter, asked, refused, left: () => script.length };
}

function options(cwd: string, prompter: Prompter, extra: Partial<InitOptions> = {}): InitOptions {
  return { cwd, profilesDir: join(cwd, 'profiles'), prompter, interactive: true, log: () => undefined, ...extra };
}

const profilesText = (cwd: string) => readFileSync(join(cwd, 'profiles/profiles.yml'), 'utf8');

describe('tsdbt init at a terminal', () => {
  it('asks the project name again until it is valid, then the warehouse: duckdb with its defaults', async () => {
    const cwd = tempDir();
    const s = scripted([['name for your project', 'my-project'], ['name for your project', 'my_project'], ['Which database', 'duckdb'], ['path', ''], ['threads', '2']]);
    const result = await initProject(options(cwd, s.prompter));
    expect(s.refused).toEqual(["'my-project' is not a valid project name: use letters, digits and underscores, not starting with a digit"]);
    expect(s.left()).toBe(0);
    expect(result.createdProject).toBe(join(cwd, 'my_project'));
    expect(profilesText(cwd)).toBe('my_project:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 2\n');
  });

  it("asks dbt-snowflake's fields, password authentication; a bad threads answer is asked again", async () => {
    const cwd = tempDir();
    const s = scripted([
      ['Which database', 'snowflake'], ['account', 'xy12345.eu-west-1'], ['user', 'ana'], ['authentication type', 'password'],
      ['password', 's3cret'], ['role', 'TRANSFORMER'], ['warehouse', 'COMPUTE_WH'], ['database', 'ANALYTICS'], ['schema', 'DBT_ANA'],
      ['threads', 'four'], ['threads', '4'],
    ]);
    await initProject(options(cwd, s.prompter, { projectName: 'sf' }));
    expect(s.refused).toEqual(['Enter a whole number']);
    expect(profilesText(cwd)).toBe(
      'sf:\n  target: dev\n  outputs:\n    dev:\n      type: snowflake\n      account: xy12345.eu-west-1\n      user: ana\n      password: s3cret\n' +
        '      role: TRANSFORMER\n      warehouse: COMPUTE_WH\n      database: ANALYTICS\n      schema: DBT_ANA\n      threads: 4\n',
    );
  });

  it('snowflake key pair: an empty passphrase is left out; an empty password reads $SNOWFLAKE_PASSWORD', async () => {
    const cwd = tempDir();
    const common: Array<[string, Answer]> = [['role', 'R'], ['warehouse', 'W'], ['database', 'D'], ['schema', 'S'], ['threads', '']];
    const keypair = scripted([['Which database', 'snowflake'], ['account', 'a'], ['user', 'u'], ['authentication type', 'keypair'], ['private_key_path', '/keys/rsa.p8'], ['private_key_passphrase', ''], ...common]);
    await initProject(options(cwd, keypair.prompter, { projectName: 'kp' }));
    expect(profilesText(cwd)).toContain('      private_key_path: /keys/rsa.p8\n      role: R\n');
    expect(profilesText(cwd)).not.toContain('passphrase');

    const password = scripted([['Which database', 'snowflake'], ['account', 'a'], ['user', 'u'], ['authentication type', 'password'], ['password', ''], ...common]);
    await initProject(options(cwd, password.prompter, { projectName: 'pw' }));
    expect(profilesText(cwd)).toContain(`password: "{{ env_var('SNOWFLAKE_PASSWORD') }}"`);
  });

  it('an existing profile is overwritten only when the user says yes', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'profiles'));
    const mine = 'keep:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: mine.duckdb}\n';
    writeFileSync(join(cwd, 'profiles/profiles.yml'), mine);
    const no = scripted([['The profile keep already exists', false]]);
    const result = await initProject(options(cwd, no.prompter, { projectName: 'keep' }));
    expect(profilesText(cwd)).toBe(mine);
    expect(result.createdProject).toBe(join(cwd, 'keep'));
    expect(result.profileWritten).toBeUndefined();

    const yes = scripted([['The profile keep already exists', true], ['Which database', 'duckdb'], ['path', 'other.duckdb'], ['threads', '']]);
    await initProject(options(join(cwd, 'keep'), yes.prompter, { profilesDir: join(cwd, 'profiles') }));
    expect(profilesText(cwd)).toContain('path: other.duckdb');
    expect(profilesText(cwd)).not.toContain('mine.duckdb');
  });

  it("uses the project's own profile_template.yml (dbt's), with _choose_ and _fixed_ keys", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'proj'));
    writeFileSync(join(cwd, 'proj/dbt_project.yml'), "name: proj\nprofile: proj_profile\n");
    writeFileSync(
      join(cwd, 'proj/profile_template.yml'),
      'fixed:\n  type: duckdb\nprompts:\n  _choose_size:\n    small:\n      _fixed_threads: 1\n    big:\n      threads: {type: int, default: 8}\n  path: {hint: file, default: team.duckdb}\n',
    );
    const s = scripted([['Desired size option', 'big'], ['threads', ''], ['path (file)', '']]);
    await initProject(options(join(cwd, 'proj'), s.prompter, { profilesDir: join(cwd, 'profiles') }));
    expect(s.asked).not.toContain('Which database would you like to use?');
    expect(profilesText(cwd)).toBe('proj_profile:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      threads: 8\n      path: team.duckdb\n');
  });

  it('Ctrl-C at any question leaves nothing written (every question comes before the first file)', async () => {
    const cwd = tempDir();
    const s = scripted([['Which database', 'snowflake'], ['account', 'a'], ['user', CANCEL]]);
    await expect(initProject(options(cwd, s.prompter, { projectName: 'gone' }))).rejects.toMatchObject({ code: 'TSDBT_INIT_CANCELLED', exitCode: 130 });
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(cwd, 'profiles'))).toBe(false);
  });

  it('a profiles.yml that does not parse stops init before anything is written, and is left as it is', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'profiles'));
    writeFileSync(join(cwd, 'profiles/profiles.yml'), 'broken: [\n');
    const s = scripted([]);
    await expect(initProject(options(cwd, s.prompter, { projectName: 'p' }))).rejects.toMatchObject({ code: 'TSDBT_PROFILES_INVALID', exitCode: 2 });
    expect(readFileSync(join(cwd, 'profiles/profiles.yml'), 'utf8')).toBe('broken: [\n');
    expect(existsSync(join(cwd, 'p'))).toBe(false);
  });
});
