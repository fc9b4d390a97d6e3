import { readFileSync } from 'node:fs';
import { normalizeNodeIds } from './src/pipeline/pdf-postprocess.ts';
const b = new Uint8Array(readFileSync('/tmp/exp/r2.pdf'));
normalizeNodeIds(b);
const t = Buffer.from(b).toString('latin1');
console.log([...new Set([...t.matchAll(/\(node(\d{8})\)/g)].map(m=>m[1]))].sort().slice(0,5));
