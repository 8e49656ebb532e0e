export { deps } from './deps.js';
export type { DepsEvent, DepsOptions, DepsResult, PinnedPackage } from './types.js';
