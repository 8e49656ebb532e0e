import { describe, expect, it } from 'vitest';
import type { ManifestNode } from '@tsdbt/core';
import type { NodeResult } from '@tsdbt/runner';
import { dotted, finishParts, nodeDescription } from '../../packages/cli/src/printing/node-lines.js';
import { formatTable } from '../../packages/cli/src/printing/table.js';
import { RunPrinter } from '../../packages/cli/src/printing/run-printer.js';

const node = (resource_type: string, materialized = 'table') => ({ resource_type, name: 'x', config: { materialized } }) as unknown as ManifestNode;
const result = (status: NodeResult['status'], extra: Partial<NodeResult> = {}): NodeResult => ({
  uniqueId: 'model.p.x', status, message: 'OK', failures: null, executionTime: 0.123, startedAt: '', completedAt: '', thread: 'Thread-1', ...extra,
});

describe('console lines as dbt prints them', () => {
  it('pads with dots to a fixed width', () => {
    const line = dotted('1 of 3 START sql table model main.x', '[RUN]');
    expect(line).toBe(`1 of 3 START sql table model main.x ${'.'.repeat(44)} [RUN]`);
    expect(dotted('x'.repeat(100), '[RUN]')).toContain(' ..... [RUN]');
  });

  it('describes each resource type', () => {
    expect(nodeDescription(node('model', 'view'), 'main.x')).toBe('sql view model main.x');
    expect(nodeDescription(node('seed'), 'main.x')).toBe('seed file main.x');
    expect(nodeDescription(node('snapshot'), 'snap.x')).toBe('snapshot snap.x');
    expect(nodeDescription(node('test'), 'not_null_x')).toBe('test not_null_x');
  });

  it('words the finish line per status, without colour off a terminal', () => {
    expect(finishParts(node('model'), 'main.x', result('success'), false)).toEqual({ left: 'OK created sql table model main.x', right: '[OK in 0.12s]' });
    expect(finishParts(node('seed'), 'main.x', result('success', { message: 'INSERT 3' }), false).right).toBe('[INSERT 3 in 0.12s]');
    expect(finishParts(node('model'), 'main.x', result('error'), false)).toEqual({ left: 'ERROR creating sql table model main.x', right: '[ERROR in 0.12s]' });
    expect(finishParts(node('test'), 't', result('fail', { failures: 2 }), false)).toEqual({ left: 'FAIL 2 t', right: '[FAIL 2 in 0.12s]' });
    expect(finishParts(node('test'), 't', result('warn', { failures: 1 }), false).left).toBe('WARN 1 t');
    expect(finishParts(node('model'), 'main.x', result('skipped'), false)).toEqual({ left: 'SKIP relation main.x', right: '[SKIP]' });
    expect(finishParts(node('model'), 'main.x', result('success'), true).left).toContain('\u001b[32mOK\u001b[0m');
  });

  it('prints a readable table with numbers right-aligned', () => {
    const table = formatTable({ columns: [{ name: 'id', dataType: 'INTEGER' }, { name: 'name', dataType: 'VARCHAR' }], rows: [[1, 'a'], [10, null]] });
    expect(table).toBe('| id | name |\n| -- | ---- |\n|  1 | a    |\n| 10 |      |');
  });
});

describe('colour', () => {
  it('does not shift the dots', () => {
    const plain = dotted('1 of 3 OK created sql table model main.x', '[OK]');
    const coloured = dotted('1 of 3 \u001b[32mOK\u001b[0m created sql table model main.x', '[OK]');
    expect(coloured.replace(/\u001b\[\d+m/gu, '')).toBe(plain);
  });

  it('with --quiet prints the error lines only', () => {
    const lines: string[] = [];
    const out = { write: (s: string) => lines.push(s), isTTY: false } as unknown as NodeJS.WriteStream;
    const printer = new RunPrinter({ format: 'text', quiet: true, out });
    const n = node('model', 'view');
    printer.event({ kind: 'start', index: 1, total: 2, node: n, relation: 'main.x' });
    printer.event({ kind: 'finish', index: 1, total: 2, node: n, relation: 'main.x', result: result('success') });
    printer.event({ kind: 'finish', index: 2, total: 2, node: n, relation: 'main.y', result: result('error') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('2 of 2 ERROR creating sql view model main.y');
  });
});
