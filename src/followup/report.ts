/**
 * `overens report`: the follow-up report of one agreement for one year, as HTML (web and print
 * variants, laid out by templates/report.hbs through the agreements' template mechanism) and PDF
 * (printed by render-pdf.ts: tagged, embedded fonts, fixed dates, the source hash on every page).
 */
import path from 'node:path';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { loadLabels } from '../pipeline/labels.ts';
import { renderPage, type RenderedHtml } from '../pipeline/render-html.ts';
import { agreementSourceHash, sha256, shortHash } from '../pipeline/hash.ts';
import { organisationOf } from '../pipeline/compose-format.ts';
import { defaultReportYear } from './outcomes.ts';
import { reportView, type ReportView } from './report-view.ts';

/** A built report: its year, view, both HTML variants and the hash of what it was made from. */
export interface BuiltReport {
  year: number;
  view: ReportView;
  web: RenderedHtml;
  print: RenderedHtml;
  /** sha256 over the agreement's sources and its outcomes.yaml. */
  sourceHash: string;
}

/** The hash a report is traced by: the agreement's source hash and its outcomes (outside that hash). */
export async function reportSourceHash(project: ProjectModel, a: AgreementModel): Promise<string> {
  const outcomes = a.texts.get(path.join(a.dir, 'outcomes.yaml')) ?? '';
  return sha256(`${await agreementSourceHash(project, a)}\0outcomes.yaml\0${outcomes}`);
}

/** Builds the report of a loaded, valid agreement; `year` defaults to the newest year with outcomes. */
export async function buildReport(project: ProjectModel, a: AgreementModel, options: { year?: number } = {}): Promise<BuiltReport> {
  const labels = loadLabels();
  const year = options.year ?? defaultReportYear(a);
  const view = reportView(project, a, year, labels);
  const sourceHash = await reportSourceHash(project, a);
  const ag = a.agreement;
  const documentTitle = labels.t('report.documentTitle', { year, cluster: ag.cluster });
  const measured = (a.outcomes?.outcomes ?? []).flatMap((e) => e.values.filter((v) => v.year <= year).map((v) => v.measured)).sort();
  const meta: RenderedHtml['meta'] = {
    title: `${view.title}: ${ag.title}`,
    author: ag.parties.map((p) => organisationOf(project, p.organisation).name).join(', '),
    subject: documentTitle,
    keywords: [ag.cluster, view.title, ag.revision.id, `källor:${sourceHash}`],
    language: 'sv',
    // The newest measurement the report shows: the same outcomes give the same PDF bytes.
    date: measured[measured.length - 1] ?? ag.revision.date,
  };
  const footer = { documentTitle, revision: ag.revision.id, sourceHash: shortHash(sourceHash) };
  const render = (print: boolean): RenderedHtml => ({
    html: renderPage('report.hbs', {
      view, print, pageTitle: meta.title, author: meta.author, description: documentTitle,
      parties: view.parties.join(', '),
      summaryCaption: labels.t('report.summaryCaption', { year }),
      outcomeHeader: labels.t('report.outcomeHeader', { year }),
      webFooter: labels.t('report.webFooter', { title: documentTitle, revision: ag.revision.id, hash: footer.sourceHash }),
    }, path.join(a.dir, 'templates')),
    meta, footer,
  });
  return { year, view, web: render(false), print: render(true), sourceHash };
}
