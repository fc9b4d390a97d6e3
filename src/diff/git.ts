/** Reading files of a git revision without checking it out: `git rev-parse`, `git ls-tree`, `git cat-file`. */
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
  // One `git ls-tree` for the blobs and one `git cat-file --batch` for all their contents: a
  // process per file cost more than the rest of a diff.
  const tree = await git(top, ['ls-tree', '-r', '-z', commit, '--', ...prefixes]);
  if (!tree.ok) return 0;
  const blobs = tree.stdout.toString('utf8').split('\0').flatMap((entry) => {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    return m?.[1] && m[2] ? [{ oid: m[1], file: m[2] }] : [];
  });
  if (blobs.length === 0) return 0;
  const batch = await gitWithInput(top, ['cat-file', '--batch'], blobs.map((b) => `${b.oid}\n`).join(''));
  if (!batch.ok) return 0;
  let at = 0;
  const out = batch.stdout;
  for (const b of blobs) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8');
    const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
    if (eol < 0 || !Number.isFinite(size)) break;
    const data = out.subarray(eol + 1, eol + 1 + size);
    at = eol + 1 + size + 1;
    const target = path.join(dest, ...b.file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
  }
  return blobs.length;
}

/** Runs git with `input` on its standard input. */
function gitWithInput(cwd: string, args: readonly string[], input: string): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout: stdout ?? Buffer.alloc(0), stderr: (stderr ?? Buffer.alloc(0)).toString('utf8') });
    });
    child.stdin?.end(input);
  });
}
