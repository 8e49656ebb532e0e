/** Jinja's tests (`x is defined`, `x is sequence`, `n is divisibleby(3)`). */
import { compare, contains } from './py-ops.js';
import { isPlainObject, Namespace, PyFloat, PyTuple } from './py-values.js';
import type { TestFn } from './render-state.js';

const isNumber = (v: unknown) => (typeof v === 'number' || v instanceof PyFloat) && typeof v !== 'boolean';
const isMapping = (v: unknown) => isPlainObject(v) || v instanceof Map || v instanceof Namespace;
const isIterable = (v: unknown) =>
  typeof v === 'string' || Array.isArray(v) || isMapping(v) || (typeof v === 'object' && v !== null && Symbol.iterator in v);

const cmp = (op: string): TestFn => (v, [other]) => compare(op, v, other);

export const builtinTests: Record<string, TestFn> = {
  boolean: (v) => typeof v === 'boolean',
  callable: (v) => typeof v === 'function',
  defined: (v) => v !== undefined,
  undefined: (v) => v === undefined,
  none: (v) => v === null,
  divisibleby: (v, [n]) => Number(v) % Number(n) === 0,
  even: (v) => Number(v) % 2 === 0,
  odd: (v) => Math.abs(Number(v) % 2) === 1,
  eq: cmp('=='),
  equalto: cmp('=='),
  '==': cmp('=='),
  ne: cmp('!='),
  '!=': cmp('!='),
  lt: cmp('<'),
  lessthan: cmp('<'),
  '<': cmp('<'),
  le: cmp('<='),
  '<=': cmp('<='),
  gt: cmp('>'),
  greaterthan: cmp('>'),
  '>': cmp('>'),
  ge: cmp('>='),
  '>=': cmp('>='),
  escaped: () => false,
  false: (v) => v === false,
  true: (v) => v === true,
  float: (v) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: isNumber,
  string: (v) => typeof v === 'string',
  mapping: isMapping,
  iterable: isIterable,
  sequence: (v) => typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple || isMapping(v),
  in: (v, [seq]) => contains(seq, v),
  lower: (v) => typeof v === 'string' && v === v.toLowerCase(),
  upper: (v) => typeof v === 'string' && v === v.toUpperCase(),
  sameas: (v, [other]) => v === other,
  filter: (v, _a, S) => typeof v === 'string' && Object.hasOwn(S.env.filters, v),
  test: (v, _a, S) => typeof v === 'string' && Object.hasOwn(S.env.tests, v),
};
