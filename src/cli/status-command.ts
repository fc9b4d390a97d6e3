/** `overens status`: being written; registers nothing yet. */
import type { Command } from 'commander';

/** Registers the status command on the program. */
export function registerStatus(_program: Command): void {}
