import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runGit } from './run-git.js';

const SHA = /^[0-9a-f]{7,40}$/i;

/**
 * A checkout of `revision` (branch, tag or commit; HEAD when none) of the repository at `url` into `dest`, and the
 * commit it resolved to (what package-lock.yml pins). Branches and tags take a shallow clone; a commit, which a
 * server may refuse to serve shallow, takes a full clone and a checkout.
 */
export async function fetchGit(url: string, revision: string | undefined, dest: string): Promise<string> {
  const rev = revision && revision !== 'HEAD' ? revision : undefined;
  let done = false;
  if (!rev || !SHA.test(rev)) {
    try {
      await runGit(['clone', '--quiet', '--depth', '1', ...(rev ? ['--branch', rev] : []), '--', url, dest]);
      done = true;
    } catch (error) {
      rmSync(dest, { recursive: true, force: true });
      if (!rev) throw error;
    }
  }
  if (!done) {
    await runGit(['clone', '--quiet', '--no-checkout', '--', url, dest]);
    try {
      await runGit(['checkout', '--quiet', rev!], dest);
    } catch (error) {
      throw Object.assign(new Error(`revision '${rev}' is not a branch, tag or commit of ${url}`), { cause: error });
    }
  }
  const sha = await runGit(['rev-parse', 'HEAD'], dest);
  rmSync(join(dest, '.git'), { recursive: true, force: true });
  return sha;
}
