/**
 * HTML rendering: one self-contained, accessible HTML file per agreement (main document and bilagor),
 * laid out by Handlebars templates from `templates/` (a project may override any of them in its own
 * `templates/` folder, and an agreement in its folder's `templates/`), with the stylesheet and fonts inlined and a CSP that forbids every request.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { fontFaceCss } from './fonts.ts';
import { carriesPrintCsp, printFontFaceCss, PRINT_CONTENT_SECURITY_POLICY } from './print-fonts.ts';
import { DEFAULT_LABELS_FILE, LABELS_FILE_NAME, loadLabels, type Labels } from './labels.ts';
import { composeAgreement } from './compose.ts';
import { resolveFieldMarks } from './field-marks.ts';
import { PACKAGE_TEMPLATES_DIR, projectTemplatesDir } from './project-root.ts';
import { TEMPLATE_OPTIONS, templateKey } from './precompile-templates.ts';
import precompiled from './templates.generated.cjs';

export { projectTemplatesDir };
import { shortHash } from './hash.ts';
import { outputNames } from './manifest.ts';

/** The rendered HTML of an agreement with the PDF metadata and footer facts. */
export interface RenderedHtml {
  html: string;
  meta: { title: string; author: string; subject: string; keywords: string[]; language: 'sv'; date: string };
  footer: { documentTitle: string; revision: string; sourceHash: string };
}

/** Options of {@link renderAgreementHtml}. */
export interface RenderHtmlOptions {
  /** Short hash of the sources, shown in the web footer and handed to the PDF footer. */
  sourceHash: string;
  /** true: the variant printed to PDF (no screen navigation chrome); false: the web variant. */
  print: boolean;
}

/** One agreement on the index page. */
export interface IndexItem {
  id: string;
  title: string;
  cluster: string;
  revision: string;
  /** Readable validity, e.g. "Gäller från och med 2023-01-01 till och med 2023-12-31". */
  validity: string;
  nextDecision?: string;
  /** Relative link to the HTML file. */
  htmlFile: string;
  /** Relative link to the PDF file, when one was printed. */
  pdfFile?: string;
  /** Titles of the bilagor, e.g. "Bilaga 1 Samverkansmål och indikatorer". */
  bilagor: string[];
}

/** Folder of the default templates shipped with överens. */
export const DEFAULT_TEMPLATES_DIR = PACKAGE_TEMPLATES_DIR;

import { CONTENT_SECURITY_POLICY } from './csp.ts';

export { CONTENT_SECURITY_POLICY };

const hb = Handlebars.create();
const compiled = new Map<string, { mtimeMs: number; fn: Handlebars.TemplateDelegate }>();
const MAX_FOOTER_TITLE = 80;

/** Compile a template file once per process and file version (cache by path and mtime); the package's own are precompiled. */
function template(file: string): Handlebars.TemplateDelegate {
  const mtimeMs = statSync(file).mtimeMs;
  const hit = compiled.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.fn;
  const text = readFileSync(file, 'utf8');
  const spec = precompiled[templateKey(text)];
  const fn = spec ? hb.template(spec as Parameters<typeof hb.template>[0]) : hb.compile(text, { ...TEMPLATE_OPTIONS });
  compiled.set(file, { mtimeMs, fn });
  return fn;
}

/** The template files to use: the agreement's own override where it has one, else the default. */
interface TemplateSet {
  file(name: string): string;
  partials: Record<string, Handlebars.TemplateDelegate>;
}

function templateSet(overrideDirs: readonly string[]): TemplateSet {
  const pick = (rel: string): string => {
    for (const dir of overrideDirs) {
      const own = path.join(dir, rel);
      if (existsSync(own)) return own;
    }
    return path.join(DEFAULT_TEMPLATES_DIR, rel);
  };
  const names = new Set<string>();
  for (const dir of [DEFAULT_TEMPLATES_DIR, ...overrideDirs].map((d) => path.join(d, 'partials'))) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.hbs')) names.add(f.slice(0, -4));
  }
  const partials: Record<string, Handlebars.TemplateDelegate> = {};
  for (const name of [...names].sort()) partials[name] = template(pick(path.join('partials', `${name}.hbs`)));
  return { file: pick, partials };
}

/** The labels of a project: the package's labels file, with the project's `templates/labels.sv.yaml` laid over it. */
export function projectLabels(projectRoot: string | undefined): Labels {
  const dir = projectTemplatesDir(projectRoot);
  const own = dir ? path.join(dir, LABELS_FILE_NAME) : undefined;
  return own && existsSync(own) ? loadLabels(DEFAULT_LABELS_FILE, own) : loadLabels();
}

/** The stylesheet with the fonts: inline, or for print on the URLs the printer serves (print-fonts.ts). */
function css(set: TemplateSet, fonts: 'inline' | 'served' = 'inline'): string {
  return `${fonts === 'served' ? printFontFaceCss() : fontFaceCss()}\n${readFileSync(set.file('style.css'), 'utf8')}`;
}

/** Render one agreement (main document and bilagor) as one self-contained HTML file. */
export async function renderAgreementHtml(project: ProjectModel, agreement: AgreementModel, options: RenderHtmlOptions): Promise<RenderedHtml> {
  return layout(await prepare(project, agreement), options);
}

/** Render the web and the print variant of an agreement from one composition (what a build needs). */
export async function renderAgreementVariants(project: ProjectModel, agreement: AgreementModel, sourceHash: string): Promise<{ web: RenderedHtml; print: RenderedHtml }> {
  const prepared = await prepare(project, agreement);
  return { web: layout(prepared, { sourceHash, print: false }), print: layout(prepared, { sourceHash, print: true }) };
}

/** The composition of an agreement, laid out as either variant by {@link layoutAgreement}. */
export type PreparedAgreement = Prepared;

/** Composes an agreement once, for {@link layoutAgreement} to lay out as web or print page. */
export function prepareAgreement(project: ProjectModel, agreement: AgreementModel): Promise<PreparedAgreement> {
  return prepare(project, agreement);
}

/** Lays out a composed agreement as the web or the print variant. */
export function layoutAgreement(prepared: PreparedAgreement, options: RenderHtmlOptions): RenderedHtml {
  return layout(prepared, options);
}

interface Prepared {
  agreement: AgreementModel;
  labels: Labels;
  view: Awaited<ReturnType<typeof composeAgreement>>;
  set: TemplateSet;
}

async function prepare(project: ProjectModel, agreement: AgreementModel): Promise<Prepared> {
  const labels = projectLabels(project.root);
  const view = await composeAgreement(project, agreement, labels);
  const shared = projectTemplatesDir(project.root);
  return { agreement, labels, view, set: templateSet([path.join(agreement.dir, 'templates'), ...(shared ? [shared] : [])]) };
}

function layout({ agreement, labels, view, set }: Prepared, options: RenderHtmlOptions): RenderedHtml {
  const a = agreement.agreement;
  const kind = labels.t(`kinds.${a.kind}`);
  const documentTitle = a.title.length <= MAX_FOOTER_TITLE ? a.title : `${kind} – ${a.cluster}`;
  const page = (fonts: 'inline' | 'served'): string => resolveFieldMarks(template(set.file('layout.hbs'))(
    {
      ...view,
      print: options.print,
      csp: fonts === 'served' ? PRINT_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
      css: css(set, fonts),
      title: a.title,
      keywords: view.keywords.join(', '),
      labels: labels.tree,
      webFooter: labels.t('webFooter', { title: documentTitle, revision: a.revision.id, hash: shortHash(options.sourceHash) }),
      sourceHash: options.sourceHash,
      pdfHref: path.posix.basename(outputNames(agreement).pdf),
      indexHref: '../index.html',
    },
    { partials: set.partials },
  ));
  // The print variant as lightenFonts would make it, unless a template override writes a CSP of its
  // own, which would block the served fonts: such a page keeps them inline, as lightenFonts leaves it.
  let html = page(options.print ? 'served' : 'inline');
  if (options.print && !carriesPrintCsp(html)) html = page('inline');
  return {
    html,
    meta: { title: a.title, author: view.author, subject: view.description, keywords: view.keywords, language: 'sv', date: a.revision.date },
    footer: { documentTitle, revision: a.revision.id, sourceHash: options.sourceHash },
  };
}

/** Render the `output/index.html` page that lists every agreement with its HTML and PDF files. */
export function renderIndexHtml(items: readonly IndexItem[], options: { labels?: Labels; projectRoot?: string } = {}): string {
  const labels = options.labels ?? projectLabels(options.projectRoot);
  const shared = projectTemplatesDir(options.projectRoot);
  const set = templateSet(shared ? [shared] : []);
  return template(set.file('index.hbs'))(
    {
      items: items.map((i) => ({ ...i, headingId: `avtal-${i.id}` })),
      csp: CONTENT_SECURITY_POLICY,
      css: css(set),
      labels: labels.tree,
      title: labels.t('index.title'),
    },
    { partials: set.partials },
  );
}

/**
 * Lays out another kind of page (the follow-up report, a party's overview) with the same template
 * mechanism, stylesheet, fonts and CSP as the agreements; `overrideDir` is an agreement's templates/.
 */
export function renderPage(templateFile: string, context: Record<string, unknown>, overrideDir?: string): string {
  const set = templateSet(overrideDir ? [overrideDir] : []);
  return template(set.file(templateFile))(
    { ...context, csp: CONTENT_SECURITY_POLICY, css: css(set), labels: loadLabels().tree },
    { partials: set.partials },
  );
}
