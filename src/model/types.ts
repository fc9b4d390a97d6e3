/** The in-memory model of a project and its agreements, as loaded from the sources. */
import type { YamlSource } from '../diagnostics/locate.ts';
import type { ParsedMarkdown } from '../pipeline/parse-markdown.ts';
import type {
  AgreementFileData, BudgetFileData, CycleFileData, DocumentPartData, GoalsFileData, JobTracksFileData,
  OrganisationData, OrganisationFileData, OutcomesFileData, RegisterFileData, SectionFrontMatterData,
} from './schema.ts';

export type * from './schema.ts';

/** One Markdown section file of a document. */
export interface SectionSource {
  /** Path as written in agreement.yaml, relative to the agreement folder. */
  ref: string;
  /** Absolute path. */
  abs: string;
  /** Path shown to the user. */
  file: string;
  text: string;
  markdown: ParsedMarkdown;
  front?: SectionFrontMatterData;
}

/** The main document or a bilaga, with its sections in order. */
export interface DocumentModel {
  part: DocumentPartData;
  isMain: boolean;
  /** JSON path of this document in agreement.yaml, for diagnostics. */
  path: (string | number)[];
  sections: SectionSource[];
}

/** The optional YAML files of an agreement folder, by name. */
export interface AgreementFacts {
  goals?: GoalsFileData;
  organisation?: OrganisationFileData;
  jobTracks?: JobTracksFileData;
  budget?: BudgetFileData;
  /** register.yaml: the adopted revisions; not part of the source hash. */
  register?: RegisterFileData;
  /** outcomes.yaml: measured values of the indicators (overens report); not part of the source hash. */
  outcomes?: OutcomesFileData;
  /** cycle.yaml: the agreement's own årshjul; not part of the source hash. */
  cycle?: CycleFileData;
}

/** One agreement: its folder, its parsed files and its documents. */
export interface AgreementModel extends AgreementFacts {
  /** Folder name under agreements/. */
  id: string;
  dir: string;
  agreement: AgreementFileData;
  documents: DocumentModel[];
  /** Parsed YAML sources by file name (agreement.yaml, goals.yaml …), for locating. */
  sources: Record<string, YamlSource>;
  /** Every source file's absolute path with its text, for hashing. */
  texts: Map<string, string>;
  /** Fact files that exist but did not load (already reported), so checks don't call them missing. */
  failedFiles: Set<string>;
}

/** A project: the folder holding agreements/, the organisation registry and the agreements. */
export interface ProjectModel {
  root: string;
  organisations: Map<string, OrganisationData>;
  organisationsSource?: YamlSource;
  organisationsText?: string;
  /** agreements/cycle.yaml: the årshjul shared by agreements that have none of their own. */
  cycle?: CycleFileData;
  cycleSource?: YamlSource;
  agreements: AgreementModel[];
}
