import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { Adapter } from './types.js';

/**
 * Adapters load lazily by `type:` so a DuckDB user never loads the Snowflake SDK and vice versa.
 * Packages are `@tsdbt/adapter-<type>` exporting `adapter` (or default); tests may register their own.
 */
const registered = new Map<string, () => Promise<Adapter>>();

export function registerAdapter(type: string, load: () => Promise<Adapter>): void {
  registered.set(type, load);
}

export function registeredAdapterTypes(): string[] {
  return [...new Set([...registered.keys(), 'duckdb', 'snowflake'])].sort();
}

export async function loadAdapter(type: string): Promise<Adapter> {
  const custom = registered.get(type);
  if (custom) return custom();
  let mod: { adapter?: Adapter; default?: Adapter };
  try {
    mod = (await import(`@tsdbt/adapter-${type}`)) as { adapter?: Adapter; default?: Adapter };
  } catch (cause) {
    throw new TsdbtError('TSDBT_ADAPTER_NOT_FOUND', `No adapter for type '${type}'`, {
      cause,
      hint: `Known types: ${registeredAdapterTypes().join(', ')}. Check the 'type:' of your profile's output.`,
    });
  }
  const adapter = mod.adapter ?? mod.default;
  if (!adapter) throw new TsdbtError('TSDBT_ADAPTER_NOT_FOUND', `Package @tsdbt/adapter-${type} exports no adapter`);
  return adapter;
}
