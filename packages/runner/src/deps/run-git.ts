import { execFile } from 'node:child_process';

/** Runs the `git` CLI without a terminal prompt (a private repository without credentials fails, it does not hang). */
export function runGit(args: string[], cwd?: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout.trim());
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'the git command is not installed' : stderr.trim().split('\n').filter(Boolean).pop() ?? error.message;
      reject(Object.assign(new Error(message), { cause: error }));
    });
  });
}
