import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

/**
 * The `yaml` package, loaded on first use: only toyaml/fromyaml and selectors.yml need it (property files and
 * config go through js-yaml), and loading its ~80 modules costs every run about 18 ms.
 */
export function yamlLib(): YamlLib {
  return (lib ??= createRequire(import.meta.url)('yaml') as YamlLib);
}
