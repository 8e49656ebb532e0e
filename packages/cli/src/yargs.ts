import { createRequire } from 'node:module';
import type yargsFactory from 'yargs/yargs';

/**
 * yargs 17's CommonJS build, as `yargs/yargs`: the factory without the singleton that `require('yargs')` builds on
 * load. yargs 18 (and string-width 7/8 under it) builds an `Intl.Segmenter` when loaded, about 50 ms of every run;
 * yargs 17's ESM build uses cliui's ESM build, which wraps help text in the middle of words.
 */
export const yargs = createRequire(import.meta.url)('yargs/yargs') as typeof yargsFactory;
