#!/usr/bin/env node
// Entry point for `npx overens`. An installed package runs the bundle in dist/ (built by the
// `prepare` script before `npm pack`) and never needs tsx or the TypeScript sources. In a clone of
// this repository, when the bundle is missing or older than any file in src/ (someone is editing
// the code), the TypeScript sources run directly through tsx, a development dependency.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'overens.js');
const sources = join(root, 'src');

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
    return statSync(bundle).mtimeMs >= newestSource(sources);
  } catch {
    return false;
  }
}

if (!existsSync(sources)) {
  // An installed package: the bundle is all there is.
  if (!existsSync(bundle)) {
    process.stderr.write(`overens: ${bundle} saknas; paketet är inte fullständigt installerat. Installera om det med npm install overens.\n`);
    process.exit(2);
  }
  await import(bundle);
} else if (process.env.OVERENS_FROM_SOURCE !== '1' && bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
