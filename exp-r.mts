import { readFileSync, writeFileSync } from 'node:fs';
import { launchPdfRenderer } from './src/pipeline/render-pdf.ts';
import { fontFaceCss } from './src/pipeline/fonts.ts';
const html = readFileSync('tests/fixtures/render-pdf/agreement.html', 'utf8').replace('/*FONTS*/', fontFaceCss());
const r = await launchPdfRenderer();
const job = { key: 'a', html, meta: { title: 'Överenskommelse om samverkan', author: 'Region Västerbotten', subject: 'Samverkan', keywords: ['samverkan', 'SIP'], language: 'sv', date: '2025-03-14' }, footer: { documentTitle: 'Överenskommelse om samverkan', revision: '2025-03-14.1', sourceHash: 'a1b2c3d4e5f6' } };
for (let i = 0; i < 3; i++) {
  const res = await r.render(job);
  console.log(res.pages, res.passes, res.ms.toFixed(0), res.blockedRequests, JSON.stringify(res.headingPages));
  writeFileSync(`/tmp/exp/r${i}.pdf`, res.pdf);
}
for (let i = 0; i < 3; i++) console.log('plain', (await r.plainPrint(html)).ms.toFixed(0));
await r.close();
