import type { CommandModule } from 'yargs';
import { buildCommand } from '../commands/build.js';
import { cloneCommand } from '../commands/clone.js';
import { retryCommand } from '../commands/retry.js';
import { runOperationCommand } from '../commands/run-operation.js';
import { showCommand } from '../commands/show.js';
import { sourceFreshnessCommand } from '../commands/source-freshness.js';
import { runCommand } from '../commands/run.js';
import { seedCommand } from '../commands/seed.js';
import { snapshotCommand } from '../commands/snapshot.js';
import { testCommand } from '../commands/test.js';

/** The runner's commands, registered in commands/index.ts with one line. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const runnerCommands: CommandModule<any, any>[] = [
  seedCommand, runCommand, testCommand, buildCommand, snapshotCommand, showCommand, runOperationCommand, retryCommand, sourceFreshnessCommand, cloneCommand,
];
