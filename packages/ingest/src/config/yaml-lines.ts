import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { TsdbtError } from '@tsdbt/core';

export interface YamlFile {
  data: unknown;
  /** 1-based line of the value at a key path, when it exists. */
  lineOf(path: (string | number)[]): number | undefined;
}

/** Reads YAML keeping positions so config errors can name the line. */
export function readYamlFile(path: string, file: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TsdbtError('TSDBT_INGEST_CONFIG_NOT_FOUND', `Cannot read ${file}`, { cause, file, exitCode: 2 });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new TsdbtError('TSDBT_YAML_INVALID', first.message.split('\n')[0] ?? 'Invalid YAML', { file, line: pos.line, column: pos.col, exitCode: 2 });
  }
  return {
    data: doc.toJS(),
    lineOf(keyPath) {
      for (let n = keyPath.length; n >= 0; n--) {
        const node = doc.getIn(keyPath.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}
