/** Temporary git repositories holding a copy of the fixture snapshot's Umeåregionen agreement (tests/fixtures/shipped), for cycle tests. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE_PROJECT } from './build-project.ts';

const GIT = ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false'];

/** Runs git in `cwd` with a fixed identity (CI machines have none) and returns its trimmed output. */
export const git = (cwd: string, ...args: string[]): string => execFileSync('git', [...GIT, ...args], { cwd, encoding: 'utf8' }).trim();

/** A new git repository holding the organisation registry and umearegionen (no register), with one commit. */
export function makeUmeaRepo(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `overens-${label}-`));
  mkdirSync(path.join(dir, 'agreements'));
  cpSync(path.join(FIXTURE_PROJECT, 'agreements/organisations.yaml'), path.join(dir, 'agreements/organisations.yaml'));
  cpSync(path.join(FIXTURE_PROJECT, 'agreements/umearegionen'), path.join(dir, 'agreements/umearegionen'), { recursive: true });
  rmSync(path.join(dir, 'agreements/umearegionen/register.yaml'), { force: true });
  writeFileSync(path.join(dir, '.gitignore'), 'output/\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Umeåregionen 2023');
  return dir;
}
