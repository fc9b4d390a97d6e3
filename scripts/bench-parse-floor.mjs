// The benchmark's floor for a cold `overens validate` (`npm run bench`): the parsing libraries
// alone, on the same files and as many threads as overens uses. Every .md file's front matter and
// body and every .yaml file are parsed exactly as overens parses them (yaml's parseDocument with a
// LineCounter and toJS; remark-parse with remark-gfm), and nothing else is done: no schema, no
// check, no diagnostics. Usage: node bench-parse-floor.mjs PROJECT
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData, Worker } from 'node:worker_threads';
import fg from 'fast-glob';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { LineCounter, parseDocument } from 'yaml';

const processor = unified().use(remarkParse).use(remarkGfm);

function parseYamlText(text) {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, strict: true });
  return doc.toJS({ maxAliasCount: 100 });
}

function parseFiles(files) {
  let nodes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.yaml')) { parseYamlText(text); nodes++; continue; }
    const match = /^---[ \t]*\n([\s\S]*?)\n?---[ \t]*(?:\n|$)/.exec(text);
    if (match) parseYamlText(match[1] || '{}');
    nodes += processor.parse(match ? text.slice(match[0].length) : text).children.length;
  }
  return nodes;
}

if (isMainThread) {
  const project = process.argv[2];
  const files = fg.sync(['agreements/**/*.md', 'agreements/**/*.yaml'], { cwd: project, absolute: true }).sort();
  // The same number of threads as overens validate (validate-parallel.ts), the same consecutive shares.
  const threads = Number(process.env.OVERENS_THREADS) || Math.min(availableParallelism(), 4);
  const size = Math.ceil(files.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size));
  const [mine, ...theirs] = shares;
  const others = theirs.map((share) => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: share });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  parseFiles(mine);
  await Promise.all(others);
  process.exit(0);
} else {
  parentPort.postMessage(parseFiles(workerData));
}
