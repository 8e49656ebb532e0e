import type { ManifestNode } from '@tsdbt/core';
import type { NodeContext } from '../types.js';

/** Jinja comments, then the text inside `{{ … }}` and `{% … %}`: where a template names variables. */
const COMMENT = /\{#[\s\S]*?#\}/gu;
const TAG = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/gu;
/** String literals inside a tag: `'this'` is text, not the variable. */
const STRING = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/gu;
/** `this` as a name of its own: not an attribute (`x.this`) nor part of a longer name (`this_month`). */
const THIS = /(?<![\w.])this(?!\w)/u;

/**
 * dbt's `has_this` (statically_extract_has_name_this): whether the model's own template names the variable `this`,
 * which makes a batch read what other batches write. As in dbt, only the model's text counts, not the macros it calls.
 */
export function referencesThis(rawCode: string | undefined): boolean {
  if (!rawCode) return false;
  for (const m of rawCode.replace(COMMENT, '').matchAll(TAG)) {
    if (THIS.test((m[1] ?? m[2] ?? '').replace(STRING, "''"))) return true;
  }
  return false;
}

/**
 * dbt's MicrobatchBatchRunner.should_run_in_parallel: only where the adapter declares microbatch concurrency, once
 * the target exists (a first build creates it with the first batch alone), then as `concurrent_batches` says, or,
 * unset, unless the model references `{{ this }}`.
 */
export function batchesMayRunInParallel(ctx: Pick<NodeContext, 'dialect'> & { node: Pick<ManifestNode, 'config' | 'raw_code'> }, targetExists: boolean): boolean {
  if (!ctx.dialect.capabilities.microbatchConcurrency || !targetExists) return false;
  const configured = ctx.node.config.concurrent_batches;
  if (typeof configured === 'boolean') return configured;
  return !referencesThis(ctx.node.raw_code);
}
