#!/usr/bin/env node
// Entry point for `npx overens`. `npm ci` bundles the CLI into dist/ (the `prepare` script), which
// starts in a fraction of the time; when that bundle is missing or older than any file in src/
// (someone is editing the code), the TypeScript sources run directly through tsx instead.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'overens.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    return statSync(bundle).mtimeMs >= newestSource(join(root, 'src'));
  } catch {
    return false;
  }
}

if (process.env.OVERENS_FROM_SOURCE !== '1' && bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
