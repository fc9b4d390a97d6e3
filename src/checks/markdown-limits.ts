/**
 * The Markdown limits for text held in YAML (descriptions, goals, commitments, titles …): build
 * parses these as Markdown too, so validation scans them with the same bounds as section files.
 */
import { isScalar, visit, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeAtOffset, type YamlSource } from '../diagnostics/locate.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { scanMarkdown } from '../pipeline/markdown-limits.ts';
import { limitDiagnostic } from '../pipeline/parse-markdown.ts';

/** Scans every text value of the registry (unless `registry` is false) and of each agreement's YAML files and front matter. */
export function checkYamlMarkdownLimits(project: ProjectModel, agreements: readonly AgreementModel[], registry = true): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sources: YamlSource[] = [];
  if (registry && project.organisationsSource) sources.push(project.organisationsSource);
  for (const a of agreements) {
    sources.push(...Object.values(a.sources));
    for (const d of a.documents) for (const s of d.sections) if (s.markdown.frontMatter) sources.push(s.markdown.frontMatter.source);
  }
  for (const src of sources) {
    visit(src.doc, {
      Scalar(_key, node: Scalar) {
        if (!isScalar(node) || typeof node.value !== 'string') return;
        const problem = scanMarkdown(node.value);
        if (!problem) return;
        const start = placeAtOffset(src, node.range?.[0] ?? 0);
        // A block scalar (| or >) starts its text on the line after the indicator.
        const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
        const place = problem.line === 1 && !block
          ? { ...start, column: start.column + problem.column - 1 + (node.type === 'PLAIN' ? 0 : 1) }
          : { file: start.file, line: start.line + problem.line - (block ? 0 : 1), column: problem.column };
        out.push(limitDiagnostic(problem, place));
      },
    });
  }
  return out;
}
