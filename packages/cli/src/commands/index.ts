import type { CommandModule } from 'yargs';

/** Every `tsdbt` command. Each lives in its own file and calls a library function; printing stays in the CLI. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [];
