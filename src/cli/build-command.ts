/** `overens build`: wired in when the build pipeline lands. */
import type { Command } from 'commander';

/** Registers the build command on the program. */
export function registerBuild(_program: Command): void {}
