import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Options for {@link fontFaceCss}. */
export interface FontFaceOptions {
  /** Only the small header/footer set (Inter 400/600) instead of the full body set. */
  headerFooter?: boolean;
}

/** Unicode ranges of the fontsource subsets, so Chromium only loads what a text needs. */
const UNICODE_RANGES: Record<'latin' | 'latin-ext', string> = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,' +
    'U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,' +
    'U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
};

const SERIF_FAMILY = 'Source Serif 4';
const SANS_FAMILY = 'Inter';

/** A face to embed: Inter (`sans`) or Source Serif 4, with weight and style. */
interface Face {
  sans: boolean;
  weight: number;
  style: 'normal' | 'italic';
}

const BODY_FACES: readonly Face[] = [
  { sans: false, weight: 400, style: 'normal' },
  { sans: false, weight: 400, style: 'italic' },
  { sans: false, weight: 600, style: 'normal' },
  { sans: false, weight: 600, style: 'italic' },
  { sans: false, weight: 700, style: 'normal' },
  { sans: false, weight: 700, style: 'italic' },
  { sans: true, weight: 400, style: 'normal' },
  { sans: true, weight: 600, style: 'normal' },
  { sans: true, weight: 700, style: 'normal' },
];

const HEADER_FOOTER_FACES = BODY_FACES.filter((f) => f.sans && f.weight !== 700);

const cache = new Map<string, string>();
const require = createRequire(import.meta.url);

/** Directory with the woff2 files of a fontsource package. */
function filesDir(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'files');
}

/** Build the CSS for a list of faces, skipping files a package version does not ship. */
function buildCss(faces: readonly Face[]): string {
  const wanted = (f: FaceFile) => faces.some((face) => (face.sans ? SANS_FAMILY : SERIF_FAMILY) === f.family && face.weight === f.weight && face.style === f.style);
  return bodyFaceFiles().filter(wanted).map((f) =>
    `@font-face{font-family:'${f.family}';font-style:${f.style};font-weight:${f.weight};` +
      `font-display:block;src:url(data:font/woff2;base64,${f.data.toString('base64')}) format('woff2');` +
      `unicode-range:${UNICODE_RANGES[f.subset]};}`,
  ).join('\n');
}

/** What a fontsource package provides for the build: its version and how many face files are missing. */
export interface FontPackageStatus { pkg: string; version?: string; missing: number; total: number }

/** The fontsource packages the build embeds, each with its version and missing face files (for `overens doctor`). */
export function fontPackageStatus(): FontPackageStatus[] {
  return (['@fontsource/source-serif-4', '@fontsource/inter'] as const).map((pkg) => {
    const sans = pkg === '@fontsource/inter';
    const faces = BODY_FACES.filter((f) => f.sans === sans);
    try {
      const version = String((JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version?: unknown }).version ?? '');
      const prefix = sans ? 'inter' : 'source-serif-4';
      const missing = faces.filter((f) => !existsSync(join(filesDir(pkg), `${prefix}-latin-${f.weight}-${f.style}.woff2`))).length;
      return { pkg, version, missing, total: faces.length };
    } catch {
      return { pkg, missing: faces.length, total: faces.length };
    }
  });
}

/** Return `@font-face` CSS with base64 data-URL fonts (Source Serif 4 and Inter), cached per process. */
export function fontFaceCss(options: FontFaceOptions = {}): string {
  const key = options.headerFooter === true ? 'hf' : 'body';
  let css = cache.get(key);
  if (css === undefined) {
    css = buildCss(key === 'hf' ? HEADER_FOOTER_FACES : BODY_FACES);
    cache.set(key, css);
  }
  return css;
}

/** One embedded face file: its fontsource file name and bytes (for serving fonts from memory). */
export interface FaceFile { name: string; family: string; weight: number; style: 'normal' | 'italic'; subset: 'latin' | 'latin-ext'; data: Buffer }

let faceFiles: FaceFile[] | undefined;

/** Every face file of the body set, read once per process. */
export function bodyFaceFiles(): FaceFile[] {
  faceFiles ??= BODY_FACES.flatMap((face) => {
    const pkg = face.sans ? '@fontsource/inter' : '@fontsource/source-serif-4';
    const prefix = face.sans ? 'inter' : 'source-serif-4';
    return (['latin-ext', 'latin'] as const).flatMap((subset) => {
      const name = `${prefix}-${subset}-${face.weight}-${face.style}.woff2`;
      const file = join(filesDir(pkg), name);
      if (!existsSync(file)) return [];
      return [{ name, family: face.sans ? SANS_FAMILY : SERIF_FAMILY, weight: face.weight, style: face.style, subset, data: readFileSync(file) }];
    });
  });
  return faceFiles;
}

/** Return the small `@font-face` CSS (Inter 400/600) meant for puppeteer header/footer templates. */
export function headerFooterFontCss(): string {
  return fontFaceCss({ headerFooter: true });
}

/** CSS font-family stacks matching the embedded faces. */
export const FONT_STACKS = {
  serif: `'${SERIF_FAMILY}', serif`,
  sans: `'${SANS_FAMILY}', sans-serif`,
} as const;
