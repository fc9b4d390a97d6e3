/** Checks of the shared organisation registry: organisation numbers and unique ids. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { OrganisationsFileData } from '../model/schema.ts';
import type { ProjectModel } from '../model/types.ts';
import { parseOrgnr } from './orgnr.ts';

/** Checks the registry and normalises every organisation number in the project model. */
export function checkRegistry(project: ProjectModel): Diagnostic[] {
  const src = project.organisationsSource;
  if (!src) return [];
  const out: Diagnostic[] = [];
  const data = src.doc.toJS() as OrganisationsFileData;
  const byId = new Map<string, number>();
  const byNr = new Map<string, string>();
  data.organisations.forEach((org, i) => {
    if (byId.has(org.id)) {
      out.push(diagnostic('id-dubblett', placeOf(src, ['organisations', i, 'id']), { id: org.id, other: `organisationen på rad ${placeOf(src, ['organisations', byId.get(org.id) ?? 0]).line}` }));
    } else byId.set(org.id, i);
    const at = placeOf(src, ['organisations', i, 'orgnr']);
    const nr = parseOrgnr(String(org.orgnr));
    if (!nr.ok && nr.problem === 'format') { out.push(diagnostic('orgnr-format', at, { value: String(org.orgnr) })); return; }
    if (!nr.ok) { out.push(diagnostic('orgnr-kontrollsiffra', at, { value: nr.normalized, expected: nr.expected })); return; }
    const other = byNr.get(nr.normalized);
    if (other !== undefined) out.push(diagnostic('orgnr-dubblett', at, { value: nr.normalized, other }));
    else byNr.set(nr.normalized, org.name);
    const model = project.organisations.get(org.id);
    if (model) model.orgnr = nr.normalized;
  });
  return out;
}
