import { TsdbtError } from '../diagnostics/diagnostic.js';
import { mergeConfig, normalizeKey } from '../config/merge-config.js';
import { splitArgs } from './args.js';
import type { RenderScope } from './render-scope.js';

/** `config(...)` in a model (captured at parse), with `config.get` / `config.require` reading the resolved config. */
export function makeConfig(scope: RenderScope) {
  const lookup = (name: string): unknown => {
    const key = normalizeKey(name);
    if (key in scope.capture.config) return scope.capture.config[key];
    return (scope.node?.config as Record<string, unknown> | undefined)?.[key];
  };
  const config = (...args: unknown[]): string => {
    const { positional, kwargs } = splitArgs(args);
    const given = positional[0] && typeof positional[0] === 'object' ? (positional[0] as Record<string, unknown>) : kwargs;
    if (scope.parsing) scope.capture.config = mergeConfig(scope.capture.config, given);
    return '';
  };
  config.get = (...args: unknown[]): unknown => {
    scope.impure = true;
    const { positional, kwargs } = splitArgs(args);
    const name = String(positional[0] ?? kwargs.name);
    const value = lookup(name);
    const fallback = positional.length > 1 ? positional[1] : kwargs.default;
    return value === undefined || value === null ? (fallback ?? null) : value;
  };
  config.require = (name: string): unknown => {
    scope.impure = true;
    const value = lookup(name);
    if (value === undefined || value === null)
      throw new TsdbtError('TSDBT_CONFIG_REQUIRED', `Required config '${name}' is not set`, {
        file: scope.node?.original_file_path,
        hint: `Set it with {{ config(${name}=...) }} or in dbt_project.yml / property YAML.`,
      });
    return value;
  };
  config.set = (name: string, value: unknown): string => {
    scope.capture.config = mergeConfig(scope.capture.config, { [name]: value });
    return '';
  };
  return config;
}
