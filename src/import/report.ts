/** The import report (IMPORT.md): what was found and where, what was guessed, what a person must check. */
import type { ImportDraft, ReportLine } from './draft.ts';

const HEADINGS: Record<ReportLine['kind'], string> = {
  fakta: 'Uppgifter som lästes ut',
  gissning: 'Gissningar: kontrollera att de stämmer',
  kontrollera: 'Att göra för hand',
};

/** Writes the report as Markdown. */
export function reportMarkdown(draft: ImportDraft, source: string): string {
  const out: string[] = [
    `# Import av ${source}`,
    '',
    `Överenskommelsen lästes in från Word-filen \`${source}\` till mappen \`agreements/${draft.id}/\`.`,
    'Stycken räknas i Word-filens ordning från 1 (rubriker och listpunkter räknas som stycken).',
    'Allt som inte kunde placeras i uppgifterna står kvar som text i avsnitten under `text/`.',
    '',
  ];
  for (const kind of ['kontrollera', 'gissning', 'fakta'] as const) {
    const lines = draft.report.filter((r) => r.kind === kind);
    out.push(`## ${HEADINGS[kind]} (${lines.length})`, '');
    if (lines.length === 0) out.push('Inga.', '');
    for (const l of lines) out.push(`- ${kind === 'gissning' ? '**Gissning:** ' : ''}${l.text} *(${l.where})*`);
    if (lines.length > 0) out.push('');
  }
  out.push(
    '## Nästa steg',
    '',
    `1. Gå igenom listorna ovan och rätta i \`agreements/${draft.id}/\`${draft.newOrganisations.length > 0 ? ' och i `agreements/organisations.yaml`' : ''}.`,
    `2. Kör \`npx overens validate agreements/${draft.id}\` tills inga fel återstår.`,
    `3. Titta på resultatet med \`npx overens preview ${draft.id}\` och jämför med Word-filen sida för sida.`,
    `4. Bygg PDF:en med \`npx overens build ${draft.id}\`.`,
    '5. Ta bort den här filen (IMPORT.md) när allt är kontrollerat, eller spara den i git som underlag.',
    '',
  );
  return out.join('\n');
}

/** The report for the terminal: the same lines, shorter. */
export function reportText(draft: ImportDraft): string {
  const count = (k: ReportLine['kind']) => draft.report.filter((r) => r.kind === k).length;
  const lines = [
    `Importerade till agreements/${draft.id}/: ${draft.sections.length} avsnitt, ${draft.parties.length} parter, ${draft.signatories.length} undertecknare, ${draft.goals.length} mål, ${draft.targetGroups.length} målgrupper, ${draft.footnotes.size} fotnoter.`,
  ];
  for (const r of draft.report.filter((x) => x.kind !== 'fakta')) lines.push(`  ${r.kind === 'gissning' ? 'gissning' : 'kontrollera'}: ${r.text} (${r.where})`);
  lines.push(`${count('fakta')} uppgifter, ${count('gissning')} gissningar och ${count('kontrollera')} saker att göra för hand står i agreements/${draft.id}/IMPORT.md.`);
  return lines.join('\n');
}
