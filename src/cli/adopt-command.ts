/** `overens adopt`: being written; registers nothing yet. */
import type { Command } from 'commander';

/** Registers the adopt command on the program. */
export function registerAdopt(_program: Command): void {}
