// The benchmark's floor for one agreement (`npm run bench`): a node script that only launches
// Chromium, sets the final HTML overens gives it and prints it, with the same launch flags, the
// same fonts answered from memory and the same PDF options. Usage: node bench-plain-print.mjs JOB.json OUT.pdf
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer';

const [jobFile, outFile] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile, 'utf8'));
const fonts = new Map(Object.entries(job.fonts).map(([url, file]) => [url, readFileSync(file)]));
const browser = await puppeteer.launch({
  headless: true,
  executablePath: job.executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
});
const page = await browser.newPage();
await page.setJavaScriptEnabled(false);
await page.setRequestInterception(true);
page.on('request', (req) => {
  const font = fonts.get(req.url());
  if (font) return void req.respond({ status: 200, contentType: 'font/woff2', headers: { 'access-control-allow-origin': '*' }, body: font });
  if (req.url().startsWith('data:')) return void req.continue();
  void req.abort('blockedbyclient');
});
await page.emulateMediaType('print');
await page.setContent(job.html, { waitUntil: 'load' });
await page.evaluate(async (list) => {
  await Promise.all(list.map(async (u, i) => document.fonts.add(await new FontFace(`f${i}`, `url(${u})`).load())));
}, job.footerFontUrls);
writeFileSync(outFile, await page.pdf(job.options));
await browser.close();
