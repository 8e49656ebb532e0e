import { defaultConfig } from '../config/default-config.js';
import type { ManifestNode, NodeConfig, ResourceType } from '../manifest/types.js';
import { sha256 } from '../util/hash.js';

export interface NewNode {
  type: ResourceType;
  packageName: string;
  name: string;
  /** Relative to the resource folder. */
  path: string;
  /** Relative to the package folder. */
  file: string;
  fqn: string[];
  rawCode: string;
  /** Line of the file where rawCode starts. */
  line?: number;
  uniqueId?: string;
  checksumText?: string;
  /**
   * The parse gives the node its layered config (defaults included) before anything reads it: no default config
   * to build and throw away (30,000 of them in the benchmark project).
   */
  configuredLater?: boolean;
}

/** Stands in for the config of a node the parse configures next (see NewNode.configuredLater). */
const NOT_CONFIGURED = Object.freeze({}) as NodeConfig;

/** Generic tests share a few raw_code texts: hash each once. */
const checksums = new Map<string, string>();
function checksum(text: string): string {
  if (text.length > 200) return sha256(text);
  let sum = checksums.get(text);
  if (!sum) checksums.set(text, (sum = sha256(text)));
  return sum;
}

/** A manifest node in dbt's v12 shape with defaults; config, relation names and dependencies are filled later. */
export function createNode(n: NewNode): ManifestNode {
  const node: ManifestNode = {
    unique_id: n.uniqueId ?? `${n.type}.${n.packageName}.${n.name}`,
    resource_type: n.type,
    package_name: n.packageName,
    name: n.name,
    path: n.path,
    original_file_path: n.file,
    fqn: n.fqn,
    database: null,
    schema: '',
    alias: n.name,
    relation_name: null,
    raw_code: n.rawCode,
    language: 'sql',
    checksum: { name: 'sha256', checksum: checksum(n.checksumText ?? n.rawCode) },
    depends_on: { macros: [], nodes: [] },
    refs: [],
    sources: [],
    metrics: [],
    config: n.configuredLater ? NOT_CONFIGURED : defaultConfig(n.type),
    tags: [],
    description: '',
    columns: {},
    meta: {},
    docs: { show: true, node_color: null },
    patch_path: null,
    unrendered_config: {},
    created_at: Date.now() / 1000,
    compiled_path: null,
    // Set by the parse's governance pass; here so every node keeps one shape.
    group: null,
  };
  if (n.line && n.line > 1) node.tsdbt_line = n.line;
  return node;
}

/** dbt's fqn: package, the folders under the resource path, then the name. */
export function fqnFor(packageName: string, path: string, name: string, prefix: string[] = []): string[] {
  const dirs = path.split('/');
  dirs.pop();
  // concat: an exact-length list (a spread grows it as push does, with room to spare).
  return [packageName].concat(prefix, dirs, [name]);
}

export function baseName(path: string): string {
  const file = path.split('/').pop()!;
  return file.replace(/\.[^.]+$/, '');
}
