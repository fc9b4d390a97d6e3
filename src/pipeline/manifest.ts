/** The manifest of a build (output/manifest.json) and the names of output files. */
import type { AgreementModel } from '../model/types.ts';
import type { ShardInfo } from './shard.ts';

/** One output file with its hash and where it came from. */
export interface ManifestFile {
  path: string;
  format: 'html' | 'pdf';
  sha256: string;
  bytes: number;
  agreement: string;
  document: string;
  revision: string;
  sourceHash: string;
}

/** One agreement of a build, with what the index page shows. */
export interface ManifestAgreement {
  id: string;
  title: string;
  cluster: string;
  revision: string;
  validity: { from: string; to: string };
  nextDecisionBy?: string;
  bilagor: string[];
  sourceHash: string;
  /** sourceHash plus the tool's version: equal keys mean equal output. */
  cacheKey: string;
  files: ManifestFile[];
}

/** output/manifest.json. */
export interface Manifest {
  /** Only in the output of `build --shard i/n`: which share it is and of which build. */
  shard?: ShardInfo;
  agreements: ManifestAgreement[];
  files: ManifestFile[];
}

/**
 * The manifest of a whole build: agreements sorted by id, then every file in that order. A build and
 * `merge-manifests` both make it here, so the two write the same bytes.
 */
export function manifestOf(agreements: readonly ManifestAgreement[]): Manifest {
  const sorted = [...agreements].sort((x, y) => x.id.localeCompare(y.id));
  return { agreements: sorted, files: sorted.flatMap((x) => x.files) };
}

/** Output paths of an agreement, relative to output/: `<id>/<id>-<revision>.{html,pdf}`. */
export function outputNames(a: AgreementModel): { html: string; pdf: string } {
  const stem = `${a.id}/${a.id}-${a.agreement.revision.id.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
  return { html: `${stem}.html`, pdf: `${stem}.pdf` };
}

/** The items of output/index.html, from the manifest. */
export function indexItems(m: Manifest) {
  return m.agreements.map((a) => {
    const html = a.files.find((f) => f.format === 'html');
    const pdf = a.files.find((f) => f.format === 'pdf');
    const to = a.validity.to === 'tills vidare' ? 'tills vidare' : `till och med ${a.validity.to}`;
    return {
      id: a.id,
      title: a.title,
      cluster: a.cluster,
      revision: a.revision,
      validity: `från och med ${a.validity.from} ${to}`,
      ...(a.nextDecisionBy ? { nextDecision: a.nextDecisionBy } : {}),
      htmlFile: html?.path ?? '',
      ...(pdf ? { pdfFile: pdf.path } : {}),
      bilagor: a.bilagor,
    };
  });
}
