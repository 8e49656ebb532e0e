import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFlow, renderedCommands, validCron } from './kestra-checks.js';
import { PROJECT } from './sql-harness.js';

const flow = parse(readFileSync(join(PROJECT, 'orchestration/sales_daily.yml'), 'utf8')) as Record<string, unknown>;
const CLI = resolve(import.meta.dirname, '../../packages/cli/dist/bin.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('the Kestra flow', () => {
  it('has ids, core task types, retries, timeouts, secrets, one run at a time and a daily schedule', () => {
    expect(checkFlow(flow)).toEqual([]);
    expect((flow.triggers as { cron: string }[])[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it('runs ingest and then build', () => {
    const commands = renderedCommands(flow);
    expect(commands.map((c) => c.split(' ')[1])).toEqual(['ingest', 'ingest', 'build', 'build']);
  });

  it('names a config file and a target the project has', () => {
    const profiles = readFileSync(join(PROJECT, 'profiles.yml'), 'utf8');
    for (const command of renderedCommands(flow)) {
      const config = /--config (\S+)/.exec(command)?.[1];
      if (config) expect(existsSync(join(PROJECT, config))).toBe(true);
      const target = /--target (\S+)/.exec(command)![1]!;
      expect(profiles).toMatch(new RegExp(`^    ${target}:$`, 'm'));
    }
  });

  it.skipIf(!existsSync(CLI))('runs only commands and options that tsdbt accepts (needs the CLI built)', () => {
    const known = cli('--help').stdout;
    for (const command of renderedCommands(flow)) {
      const [, sub, ...rest] = command.split(' ');
      expect(known).toContain(`tsdbt ${sub!}`);
      const help = cli(sub!, '--help').stdout;
      for (const flag of rest.filter((a) => a.startsWith('--'))) expect(help, `${sub} ${flag}`).toContain(flag);
    }
  });
});

describe('the flow checks can fail', () => {
  it.each(['61 5 * * *', '0 5 * *', '0 25 * * *', '*/0 * * * *', 'daily'])('rejects the cron %j', (cron) => {
    expect(validCron(cron)).toBe(false);
  });

  it.each(['0 5 * * *', '*/15 0-6 1,15 * 1-5'])('accepts the cron %j', (cron) => {
    expect(validCron(cron)).toBe(true);
  });

  it('names what a broken flow lacks', () => {
    const broken = structuredClone(flow) as Record<string, unknown> & { tasks: Record<string, unknown>[] };
    delete broken.concurrency;
    broken.tasks[0]!.type = 'io.kestra.plugin.fancy.Thing';
    delete broken.tasks[1]!.retry;
    (broken.tasks[1]!.env as Record<string, string>).SNOWFLAKE_PASSWORD = 'hunter2';
    broken.tasks[1]!.id = broken.tasks[0]!.id;
    expect(checkFlow(broken)).toEqual(expect.arrayContaining([
      expect.stringMatching(/concurrency/), expect.stringMatching(/not a core task type/),
      expect.stringMatching(/retry needs/), expect.stringMatching(/SNOWFLAKE_PASSWORD must come from/),
      expect.stringMatching(/used twice/),
    ]));
  });
});
