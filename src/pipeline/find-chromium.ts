/**
 * Finding a system Chromium, so that a project which installs överens can skip puppeteer's own
 * browser download (PUPPETEER_SKIP_DOWNLOAD=1). puppeteer reads `.puppeteerrc.cjs` only from the
 * working directory, which in a user's project is not this package, so the lookup lives in code.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Command names of Chromium-based browsers, in order of preference. */
export const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/** Fixed install locations outside PATH (macOS applications). */
const FIXED_PATHS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The browser to launch: PUPPETEER_EXECUTABLE_PATH when set, else the first of /usr/bin/chromium,
 * chromium-browser, google-chrome (and -stable) found in /usr/bin or on PATH, else undefined
 * (puppeteer then uses the browser it downloaded itself).
 */
export function findSystemChromium(env: NodeJS.ProcessEnv = process.env, systemDirs: readonly string[] = ['/usr/bin'], fixedPaths: readonly string[] = FIXED_PATHS): string | undefined {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return fromEnv;
  const dirs = [...systemDirs, ...(env.PATH ?? '').split(path.delimiter).filter((d) => d !== '' && path.isAbsolute(d))];
  for (const name of CHROMIUM_COMMANDS) {
    for (const dir of [...new Set(dirs)]) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return fixedPaths.find(isExecutable);
}
