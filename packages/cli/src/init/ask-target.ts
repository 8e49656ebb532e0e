import { TsdbtError } from '@tsdbt/core';
import type { PromptSpec, ProfileTemplate } from './profile-template.js';
import type { Prompter } from './prompter.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function invalidTemplate(message: string): TsdbtError {
  return new TsdbtError('TSDBT_INIT_TEMPLATE_INVALID', `profile_template.yml: ${message}`, {
    exitCode: 2,
    hint: "Write it as dbt's: `fixed:` keys, and `prompts:` of `key: {hint, default, type, hide_input}`.",
  });
}

/** The answer as the prompt's type; undefined with an error when it is not one. */
function convert(spec: PromptSpec, answer: string): { value?: unknown; error?: string } {
  switch (spec.type ?? 'string') {
    case 'int':
      return /^[+-]?\d+$/.test(answer.trim()) ? { value: Number(answer) } : { error: 'Enter a whole number' };
    case 'float':
      return answer.trim() !== '' && Number.isFinite(Number(answer)) ? { value: Number(answer) } : { error: 'Enter a number' };
    case 'bool': {
      const v = answer.trim().toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(v)) return { value: true };
      if (['false', 'no', 'n', '0'].includes(v)) return { value: false };
      return { error: 'Enter true or false' };
    }
    default:
      return { value: answer };
  }
}

async function askOne(key: string, raw: unknown, prompter: Prompter): Promise<unknown> {
  if (!isRecord(raw)) throw invalidTemplate(`prompt '${key}' must be a mapping (hint, default, type, hide_input)`);
  const spec = raw as PromptSpec;
  const required = spec.default === undefined && !spec.optional;
  const answer = await prompter.text({
    message: `${key}${spec.hint ? ` (${spec.hint})` : ''}`,
    default: spec.default === undefined ? (spec.optional ? '' : undefined) : String(spec.default),
    secret: spec.hide_input === true,
    validate: (v) => (v.trim() === '' ? (required ? `Enter a value for ${key}` : undefined) : convert(spec, v).error),
  });
  if (answer === '' && spec.optional) return undefined;
  return convert(spec, answer).value;
}

/** Asks a template's prompts in order, into `target` (dbt's generate_target_from_input). */
async function askPrompts(prompts: Record<string, unknown>, prompter: Prompter, target: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(prompts)) {
    if (key.startsWith('_choose_')) {
      if (!isRecord(value) || Object.keys(value).length === 0) throw invalidTemplate(`'${key}' must map each option to its prompts`);
      const what = key.slice('_choose_'.length).replaceAll('_', ' ');
      const options = Object.keys(value).map((o) => ({ value: o, label: o }));
      const choice = await prompter.select({ message: `Desired ${what} option`, options, initial: options[0]!.value });
      const chosen = value[choice];
      if (!isRecord(chosen)) throw invalidTemplate(`option '${choice}' of '${key}' must be a mapping of prompts`);
      await askPrompts(chosen, prompter, target);
    } else if (key.startsWith('_fixed_')) {
      target[key.slice('_fixed_'.length)] = value;
    } else {
      const answer = await askOne(key, value, prompter);
      if (answer !== undefined) target[key] = answer;
    }
  }
}

/** A profile output from a template and the user's answers: the template's `fixed` keys, then each answer. */
export async function askTarget(template: ProfileTemplate, prompter: Prompter): Promise<Record<string, unknown>> {
  if (!isRecord(template)) throw invalidTemplate('must be a mapping with `fixed:` and `prompts:`');
  const fixed = template.fixed ?? {};
  const prompts = template.prompts ?? {};
  if (!isRecord(fixed)) throw invalidTemplate('`fixed` must be a mapping');
  if (!isRecord(prompts)) throw invalidTemplate('`prompts` must be a mapping');
  const target: Record<string, unknown> = { ...fixed };
  await askPrompts(prompts, prompter, target);
  return target;
}
