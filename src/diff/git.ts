/** Reading files of a git revision without checking it out: `git rev-parse`, `git ls-tree`, `git show`. */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Output of one git command; `ok` is false when git exited non-zero or could not start. */
interface GitResult { ok: boolean; stdout: Buffer; stderr: string }

/** Runs git with arguments in `cwd`, never through a shell. */
export function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout: stdout ?? Buffer.alloc(0), stderr: (stderr ?? Buffer.alloc(0)).toString('utf8') });
    });
  });
}

/** The top folder of the git work tree that holds `cwd`, or undefined outside a repository. */
export async function repoTop(cwd: string): Promise<string | undefined> {
  const r = await git(cwd, ['rev-parse', '--show-toplevel']);
  return r.ok ? r.stdout.toString('utf8').trim() : undefined;
}

/** The commit a revision names (tag, branch, commit, HEAD~1 …), or undefined when git does not know it. */
export async function resolveCommit(cwd: string, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-')) return undefined;
  const r = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return r.ok ? r.stdout.toString('utf8').trim() : undefined;
}

/** Paths (relative to the repository top) of the files under `prefixes` at a commit. */
export async function listFiles(top: string, commit: string, prefixes: readonly string[]): Promise<string[]> {
  const r = await git(top, ['ls-tree', '-r', '-z', '--name-only', commit, '--', ...prefixes]);
  if (!r.ok) return [];
  return r.stdout.toString('utf8').split('\0').filter((p) => p !== '');
}

/** Writes the files under `prefixes` at a commit into `dest`, keeping their paths; returns how many were written. */
export async function materialise(top: string, commit: string, prefixes: readonly string[], dest: string): Promise<number> {
  const files = await listFiles(top, commit, prefixes);
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const r = await git(top, ['show', `${commit}:${file}`]);
      if (!r.ok) continue;
      const target = path.join(dest, ...file.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, r.stdout);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return files.length;
}
