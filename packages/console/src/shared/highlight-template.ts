import { type LintFinding, lintTemplate, parseTemplate } from "@promptmill/core/template";

/** A run of the content with one look: plain text, a placeholder, or text a finding points at. */
export interface HighlightSegment {
  readonly text: string;
  /** Set on the text of a valid `${name}`: the variable's name. */
  readonly variable: string | undefined;
  /** Index into `findings` of the finding this text belongs to (errors win over warnings). */
  readonly finding: number | undefined;
}

export interface HighlightedTemplate {
  readonly segments: readonly HighlightSegment[];
  /** Errors first, then warnings, each in content order. */
  readonly findings: readonly LintFinding[];
  /** The variables of the valid placeholders, in first-use order. */
  readonly variables: readonly string[];
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits content into segments for display: the server renders them into the page and the
 * browser renders them again on every keystroke, so both show the same thing. Works on
 * content with errors (the parser recovers; erroneous constructs are text with a finding).
 */
export function highlightTemplate(content: string): HighlightedTemplate {
  const { ast } = parseTemplate(content);
  const findings = lintTemplate(content).sort(
    (a, b) => severityRank(a) - severityRank(b) || a.offset - b.offset,
  );
  const placeholders: (Range & { name: string })[] = [];
  const variables: string[] = [];
  for (const node of ast.nodes) {
    if (node.type !== "placeholder") continue;
    placeholders.push({ start: node.offset, end: node.offset + node.length, name: node.name });
    if (!variables.includes(node.name)) variables.push(node.name);
  }
  // A finding of length 0 still needs a character to mark: the next one, when there is one.
  const findingRanges: Range[] = findings.map((finding) => ({
    start: finding.offset,
    end: Math.min(content.length, finding.offset + Math.max(1, finding.length)),
  }));

  const cuts = new Set<number>([0, content.length]);
  for (const range of [...placeholders, ...findingRanges]) {
    cuts.add(range.start);
    cuts.add(range.end);
  }
  const points = [...cuts].filter((point) => point <= content.length).sort((a, b) => a - b);

  const segments: HighlightSegment[] = [];
  let placeholderIndex = 0;
  let previousPlaceholder = -1;
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index] as number;
    const end = points[index + 1] as number;
    if (start === end) continue;
    while (
      placeholderIndex < placeholders.length &&
      (placeholders[placeholderIndex] as Range).end <= start
    ) {
      placeholderIndex++;
    }
    const placeholder = placeholders[placeholderIndex];
    const inPlaceholder = placeholder !== undefined && placeholder.start <= start;
    const finding = findingRanges.findIndex((range) => range.start <= start && start < range.end);
    const last = segments.at(-1);
    const variable = inPlaceholder ? placeholder.name : undefined;
    const samePlaceholder = inPlaceholder ? previousPlaceholder === placeholderIndex : true;
    const text = content.slice(start, end);
    if (
      last !== undefined &&
      last.variable === variable &&
      last.finding === (finding === -1 ? undefined : finding) &&
      samePlaceholder
    ) {
      segments[segments.length - 1] = { ...last, text: last.text + text };
    } else {
      segments.push({ text, variable, finding: finding === -1 ? undefined : finding });
    }
    previousPlaceholder = inPlaceholder ? placeholderIndex : -1;
  }
  // A finding at the very end of the content (e.g. an unterminated `${` as the last two
  // characters is covered above; an empty content has nothing to cover) gets an empty marker.
  findingRanges.forEach((range, finding) => {
    if (range.start >= content.length) segments.push({ text: "", variable: undefined, finding });
  });
  return { segments, findings, variables };
}

function severityRank(finding: LintFinding): number {
  return finding.severity === "error" ? 0 : 1;
}
