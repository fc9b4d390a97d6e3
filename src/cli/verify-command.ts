/** `overens verify`: being written; registers nothing yet. */
import type { Command } from 'commander';

/** Registers the verify command on the program. */
export function registerVerify(_program: Command): void {}
