import { confirm, isCancel, password, select, text } from '@clack/prompts';
import { cancelled, type Prompter, type TextQuestion } from './prompter.js';

function answered<T>(value: T | symbol): T {
  if (isCancel(value)) throw cancelled();
  return value as T;
}

/** The question's check, as clack calls it (undefined for an empty answer), with the default standing in for nothing. */
function validator(q: TextQuestion) {
  return (value: string | undefined) => {
    const v = value ?? '';
    if (v === '' && q.default !== undefined) return undefined;
    return q.validate?.(v);
  };
}

/** Questions at a terminal, through @clack/prompts (arrow-key lists, masked passwords, Ctrl-C to cancel). */
export function clackPrompter(): Prompter {
  return {
    async text(q) {
      const validate = validator(q);
      const value = q.secret
        ? answered<string>(await password({ message: q.message, validate }))
        : answered<string | undefined>(await text({ message: q.message, placeholder: q.default, defaultValue: q.default, validate }));
      return value === '' || value === undefined ? (q.default ?? '') : value;
    },
    async select(q) {
      return answered<string>(await select({ message: q.message, options: q.options.map((o) => ({ ...o })), initialValue: q.initial }));
    },
    async confirm(q) {
      return answered<boolean>(await confirm({ message: q.message, initialValue: q.initial ?? false }));
    },
  };
}
