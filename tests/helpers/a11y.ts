/**
 * Accessibility checks shared by the follow-up tests: axe-core in headless Chromium (injected through
 * CDP, so the documents' own CSP stays in force) and the Nu HTML checker (vnu.jar), as in
 * tests/render-html.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer';
import { servedFonts } from '../../src/pipeline/print-fonts.ts';

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const VNU = path.join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
/** The Chromium the tests use. */
export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
/** True when Chromium is installed. */
export const hasChromium = existsSync(CHROMIUM);
/** True when java and vnu.jar are there. */
export const hasJava = spawnSync('java', ['-version']).status === 0 && existsSync(VNU);

/** Launches the test browser. */
export async function launchTestBrowser(): Promise<Browser> {
  const puppeteer = (await import('puppeteer')).default;
  return puppeteer.launch({
    headless: true, executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** axe-core's WCAG 2.1 A/AA violations of a page, and every request it tried to make. */
export async function axeViolations(browser: Browser, html: string): Promise<{ violations: { id: string; nodes: string[] }[]; requests: string[] }> {
  const page = await browser.newPage();
  try {
    const requests: string[] = [];
    // A print variant's fonts come from the printer's reserved origin, answered from memory as the
    // printer answers them (render-pdf.ts); any other request is one too many.
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const font = servedFonts().get(r.url());
      if (font) return void r.respond({ status: 200, contentType: 'font/woff2', headers: { 'access-control-allow-origin': '*' }, body: font });
      if (!r.url().startsWith('data:') && !r.url().startsWith('about:')) requests.push(r.url());
      void r.continue();
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const result = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
    )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    return { violations: result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })), requests };
  } finally {
    await page.close();
  }
}

/** The Nu HTML checker's errors for a page. */
export function vnuErrors(html: string): { message: string }[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-vnu-'));
  try {
    const file = path.join(dir, 'doc.html');
    writeFileSync(file, html);
    const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', file], { encoding: 'utf8' });
    const out = JSON.parse(run.stderr || run.stdout || '{"messages":[]}') as { messages: { type: string; message: string }[] };
    return out.messages.filter((m) => m.type === 'error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
