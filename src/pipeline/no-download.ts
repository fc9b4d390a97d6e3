/**
 * Stands in for `proxy-agent` in the bundle (esbuild `--alias`, the "prepare" script). puppeteer's
 * browser manager imports it to download browsers through a proxy; the bundle only launches a browser
 * that is already installed. Loading proxy-agent, with the JavaScript interpreter it carries for
 * proxy auto-configuration scripts, was most of puppeteer's load time, before Chromium could start.
 */
export class ProxyAgent {
  constructor() {
    throw new Error('överens laddar inte ner någon webbläsare. Installera Chromium med `apt-get install chromium` eller `npx puppeteer browsers install chrome`.');
  }
}
