import puppeteer from 'puppeteer';
import { writeFileSync } from 'node:fs';
const b = await puppeteer.launch({ headless: true, args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
await p.setJavaScriptEnabled(false);
const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Min titel åäö</title></head>
<body><nav><a href="#a">A<span class="toc-page" data-target="a"></span></a> <a href="#d">D</a> <a href="#x">X</a></nav><h1 id="a">Rubrik ett</h1><p>Text</p><h2 id="b">Under</h2><p style="break-before:page">x</p><p id="x">para</p><h1 id="c">Två</h1><h3 id="d">Tre</h3><script>document.title='JS'</script></body></html>`;
await p.setContent(html);
console.log(await p.evaluate(() => document.title + ' ' + document.querySelectorAll('a').length));
const pdf = await p.pdf({ format: 'A4', tagged: true, outline: true, printBackground: true });
writeFileSync('/tmp/exp/b.pdf', pdf);
await b.close();
