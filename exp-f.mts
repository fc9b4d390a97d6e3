import puppeteer from 'puppeteer';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const b = await puppeteer.launch({ headless: true, args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
await p.setContent('<p>hej</p>');
const variants: Record<string,string> = {
  abs800: '<div style="position:absolute;top:800px;font:8pt/1 sans-serif;margin:0 20mm">FOOT</div>',
  absCalc: '<div style="position:absolute;top:calc(11.7in - 30mm + 3mm);left:0;font:8pt/1 sans-serif;margin:0 20mm">FOOT</div>',
};
for (const [k, v] of Object.entries(variants)) {
  const pdf = await p.pdf({ format: 'A4', displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: v, margin: { top: '18mm', bottom: '30mm', left: '20mm', right: '20mm' } });
  writeFileSync('/tmp/exp/f.pdf', pdf);
  const t = execFileSync('pdftotext', ['-bbox', '/tmp/exp/f.pdf', '-']).toString();
  console.log(k, /yMin="([\d.]+)"[^>]*>FOOT/.exec(t)?.[1]);
}
await b.close();
