import { describe, expect, it } from 'vitest';
import { isTsdbtError, type TsdbtError } from '../../src/diagnostics/diagnostic.js';
import { selectNodes } from '../../src/selection/index.js';
import { ManifestBuilder } from './helpers/manifest-builder.js';
import { shop } from './helpers/shop.js';

function error(fn: () => unknown): TsdbtError {
  try {
    fn();
  } catch (e) {
    if (isTsdbtError(e)) return e;
    throw e;
  }
  throw new Error('expected a TsdbtError');
}

const sel = (...select: string[]) => () => selectNodes(shop(), { select });

describe('bad selection input', () => {
  it('an unknown method: TSDBT_SELECTOR_UNKNOWN_METHOD, usage exit code, closest method as hint', () => {
    const e = error(sel('tags:nightly'));
    expect(e.code).toBe('TSDBT_SELECTOR_UNKNOWN_METHOD');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('"tags" is not a valid selector method');
    expect(e.diagnostics[0]!.hint).toContain('Did you mean "tag:"?');
  });

  it('a nested config method with no key', () => {
    expect(error(sel('config:table')).message).toMatch(/needs a key/);
  });

  it('an unknown resource type, test type and source shape', () => {
    expect(error(sel('resource_type:modle')).message).toMatch(/Invalid resource_type selector "modle"/);
    expect(error(sel('test_type:schema_x')).message).toMatch(/Invalid test type selector/);
    expect(error(sel('source:a.b.c.d')).message).toMatch(/Invalid source selector value/);
  });

  it('a spec without a value', () => {
    expect(error(sel('tag:')).message).toMatch(/no search value/);
    expect(error(sel('+')).message).toMatch(/no search value/);
  });

  it('source_status: without the sources.json of an earlier run says what to pass', () => {
    expect(error(sel('source_status:fresher')).code).toBe('TSDBT_STATE_REQUIRED');
  });

  it('an unknown --selector when no selectors.yml exists', () => {
    const e = error(() => selectNodes(shop(), { selector: 'nightly' }));
    expect(e.code).toBe('TSDBT_SELECTOR_NOT_FOUND');
    expect(e.diagnostics[0]!.hint).toMatch(/No selectors.yml selectors/);
  });

  it('an unknown resource type filter and indirect selection mode', () => {
    expect(error(() => selectNodes(shop(), { resourceTypes: ['modle'] })).message).toMatch(/Unknown resource type "modle"/);
    expect(error(() => selectNodes(shop(), { indirectSelection: 'lazy' as never })).message).toMatch(/Unknown indirect selection/);
  });

  it('a cyclic graph cannot be selected from: every cycle is reported', () => {
    const m = new ManifestBuilder('p').model('a', { refs: ['b'] }).model('b', { refs: ['a'] }).build();
    const e = error(() => selectNodes(m, { select: ['a'] }));
    expect(e.code).toBe('TSDBT_CYCLE');
    expect(e.message).toContain('model.p.a (models/a.sql) → model.p.b (models/b.sql) → model.p.a');
  });
});
