// Use the system Chromium when there is one (Debian: apt-get install chromium), so that
// `npm ci` in this repository does not try to download a browser; elsewhere puppeteer downloads
// its own. This file applies only here: in a project that installs överens, set
// PUPPETEER_SKIP_DOWNLOAD=1 where a system Chromium exists; src/pipeline/find-chromium.ts finds it.
const fs = require('node:fs');

const systemChromium = process.env.PUPPETEER_EXECUTABLE_PATH
  || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'].find((p) => fs.existsSync(p));

/** @type {import('puppeteer').Configuration} */
module.exports = systemChromium
  ? { skipDownload: true, executablePath: systemChromium }
  : {};
