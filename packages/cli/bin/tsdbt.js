#!/usr/bin/env node
// Committed so npm can link the bin before `prepare` has built dist/.
// dist/bundle/ (scripts/bundle.mjs) is the CLI and its libraries in a few files: one module graph to load instead of
// ~300. It runs while every package's tsc build is the one it was bundled from (stamp.json; a published package
// ships no stamp); after a plain `tsc -b`, or without a bundle, the tsc output dist/bin.js runs.
import { existsSync, readFileSync, statSync } from 'node:fs';

const bundle = new URL('../dist/bundle/', import.meta.url);

function bundleIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(new URL('stamp.json', bundle), 'utf8'));
  } catch {
    return existsSync(new URL('bin.js', bundle));
  }
  return stamp.inputs.every(([file, mtimeMs]) => {
    const st = statSync(new URL(file, bundle), { throwIfNoEntry: false });
    return st === undefined || st.mtimeMs === mtimeMs;
  });
}

await import(bundleIsCurrent() ? '../dist/bundle/bin.js' : '../dist/bin.js');
