/** `overens ci`: being written; registers nothing yet. */
import type { Command } from 'commander';

/** Registers the ci command on the program. */
export function registerCi(_program: Command): void {}
