/** Helpers for walking the parsed data of a YAML file with its JSON paths. */

/** Calls `visit` for every string in `data` with the path that leads to it. */
export function walkStrings(data: unknown, visit: (value: string, path: (string | number)[]) => void, path: (string | number)[] = []): void {
  if (typeof data === 'string') visit(data, path);
  else if (Array.isArray(data)) data.forEach((v, i) => walkStrings(v, visit, [...path, i]));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) walkStrings(v, visit, [...path, k]);
}

/** Suggests the closest known id for a misspelt one (small edit distance), or ''. */
export function suggest(id: string, known: Iterable<string>): string {
  let best = '';
  let bestDist = Infinity;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestDist) { bestDist = d; best = k; }
  }
  return bestDist <= Math.max(2, Math.floor(id.length / 4)) ? best : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}
