// Use the system Chromium when there is one (Debian: apt-get install chromium), so that
// `npm ci` does not try to download a browser; elsewhere puppeteer downloads its own.
const fs = require('node:fs');

const systemChromium = process.env.PUPPETEER_EXECUTABLE_PATH
  || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

/** @type {import('puppeteer').Configuration} */
module.exports = systemChromium
  ? { skipDownload: true, executablePath: systemChromium }
  : {};
