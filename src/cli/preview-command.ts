/** `overens preview`: being written; registers nothing yet. */
import type { Command } from 'commander';

/** Registers the preview command on the program. */
export function registerPreview(_program: Command): void {}
