import { TsdbtError } from '@tsdbt/core';

export interface TextQuestion {
  message: string;
  /** The answer when the user enters nothing. */
  default?: string;
  /** Masked input (passwords, passphrases). */
  secret?: boolean;
  /** An error message for a bad answer (asked again), or undefined. Not called for an empty answer with a default. */
  validate?: (value: string) => string | undefined;
}

export interface SelectQuestion {
  message: string;
  options: ReadonlyArray<{ value: string; label: string; hint?: string }>;
  initial?: string;
}

/**
 * The questions `tsdbt init` asks. The terminal one is @clack/prompts' (clack-prompter.ts); tests script the answers,
 * and without a terminal defaults-prompter.ts takes each question's default.
 */
export interface Prompter {
  text(q: TextQuestion): Promise<string>;
  select(q: SelectQuestion): Promise<string>;
  confirm(q: { message: string; initial?: boolean }): Promise<boolean>;
}

/** The user pressed Ctrl-C or Esc at a question: nothing was written yet (init asks everything first). */
export function cancelled(): TsdbtError {
  return new TsdbtError('TSDBT_INIT_CANCELLED', 'tsdbt init was cancelled: nothing was written', { exitCode: 130 });
}
