import { TsdbtError } from '@tsdbt/core';
import type { Prompter } from './prompter.js';

/**
 * Without a terminal (CI, scripts, tests): every question takes its default, lists their first option, and
 * "overwrite?" is no. A question with no default stops init with the flag to use instead.
 */
export function defaultsPrompter(): Prompter {
  return {
    async text(q) {
      if (q.default !== undefined) return q.default;
      throw new TsdbtError('TSDBT_INIT_NEEDS_TERMINAL', `'${q.message}' has no default, and stdin is not a terminal to ask it`, {
        exitCode: 2,
        hint: 'Run tsdbt init in a terminal, or pass --skip-profile-setup and write profiles.yml yourself.',
      });
    },
    async select(q) {
      return q.initial ?? q.options[0]!.value;
    },
    async confirm() {
      return false;
    },
  };
}
