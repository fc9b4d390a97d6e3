/** `overens revision`: being written; registers nothing yet. */
import type { Command } from 'commander';

/** Registers the revision command on the program. */
export function registerRevision(_program: Command): void {}
