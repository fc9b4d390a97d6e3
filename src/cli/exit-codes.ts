/** The exit codes of every command, and the sentence each command's --help ends with. */

/** 0 done, 1 content errors or unknown agreement, 2 usage or environment. */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

/** The common exit-code sentence; `extra` adds what a command means in particular. */
export function exitCodeHelp(extra: { ok?: string; content?: string; usage?: string } = {}): string {
  return [
    '',
    'Slutkoder (samma för alla kommandon):',
    `  0 = klart${extra.ok ? `: ${extra.ok}` : ''}`,
    `  1 = fel i innehållet eller okänd överenskommelse${extra.content ? `; ${extra.content}` : ''}`,
    `  2 = fel användning eller problem med miljön${extra.usage ? `; ${extra.usage}` : ''}`,
  ].join('\n');
}
