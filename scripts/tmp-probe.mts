import { validatePaths } from '../src/pipeline/validate.ts';
import { renderAgreementHtml } from '../src/pipeline/render-html.ts';
for (const print of [false, true, false]) {
  const r = await validatePaths(['.'], { base: '/work/wt-forms/tests/fixtures/forms/project' });
  const p = r.projects[0]!; const a = p.agreements[0]!;
  try { await renderAgreementHtml(p, a, { sourceHash: 'a'.repeat(64), print }); console.log('ok', print); } catch (e) { console.log('fail', print, e); }
}
