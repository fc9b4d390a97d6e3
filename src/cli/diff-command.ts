/** `overens diff`: wired in when the diff pipeline lands. */
import type { Command } from 'commander';

/** Registers the diff command on the program. */
export function registerDiff(_program: Command): void {}
