export * from './diagnostics/diagnostic.js';
export type * from './adapter/types.js';
export * from './adapter/registry.js';
export type * from './manifest/types.js';
