import type { PlaceholderNode } from "./ast.js";
import type { TemplateSyntaxErrorCode } from "./errors.js";
import { parseTemplate } from "./parse.js";
import { createPositionLocator } from "./position.js";
import { printNode } from "./print.js";

export type LintCode =
  | TemplateSyntaxErrorCode
  | "placeholder-whitespace"
  | "escaped-placeholder"
  | "service-may-differ";

/** A syntax error (severity `error`) or a warning, positioned like `TemplateSyntaxIssue`. */
export interface LintFinding {
  readonly severity: "error" | "warning";
  readonly code: LintCode;
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

type Warning = Omit<LintFinding, "severity" | "line" | "column">;

/**
 * The simplest scan the service could use to list variables, `/\$\{([^}]*)\}/g`; its
 * extraction rule is not documented, so where this scan reads names differently from us, the
 * user is warned. Written as two `indexOf` searches rather than that regex: where no `}`
 * follows, the regex retries from every later `${` and reads to the end each time, which is
 * quadratic (`"${"` repeated 40,000 times took seconds). Here each search starts where the
 * previous one stopped, so the content is read once.
 */
function* serviceScan(content: string): Generator<{ open: number; end: number; name: string }> {
  let from = 0;
  for (;;) {
    const open = content.indexOf("${", from);
    if (open === -1) return;
    const close = content.indexOf("}", open + 2);
    // No `}` after this `${` means none after any later one either.
    if (close === -1) return;
    yield { open, end: close + 1, name: content.slice(open + 2, close) };
    from = close + 1;
  }
}

/**
 * Every syntax error plus warnings for valid content the service may read differently.
 * Given valid content, a service scan match starts either at one of our placeholders (and
 * then reads the same name, up to the spaces `placeholder-whitespace` warns about) or at the
 * `${` of a `$${` escape (`escaped-placeholder`). A match from an escape runs to the next `}`,
 * and any placeholder it runs over is one the service would miss (`service-may-differ`).
 * Names with non-ASCII letters, digits or marks read the same in both and get no warning;
 * matches that start at an error construct get none either, the error already says it.
 */
export function lintTemplate(content: string): LintFinding[] {
  const { ast, errors } = parseTemplate(content);
  const placeholders: PlaceholderNode[] = [];
  const escapeOpens = new Set<number>();
  for (const node of ast.nodes) {
    if (node.type === "placeholder") {
      placeholders.push(node);
      continue;
    }
    const source = content.slice(node.offset, node.offset + node.length);
    for (
      let index = source.indexOf("$${");
      index !== -1;
      index = source.indexOf("$${", index + 3)
    ) {
      escapeOpens.add(node.offset + index + 1);
    }
  }

  const warnings: Warning[] = [];
  for (const placeholder of placeholders) {
    if (placeholder.spaceBefore === "" && placeholder.spaceAfter === "") continue;
    const spaced = placeholder.spaceBefore + placeholder.name + placeholder.spaceAfter;
    warnings.push({
      code: "placeholder-whitespace",
      message:
        `${quote(printNode(placeholder))} is read as ${quote(placeholder.name)}, but the service ` +
        `may read the name with its spaces, ${quote(spaced)}`,
      offset: placeholder.offset,
      length: placeholder.length,
    });
  }

  const locate = createPositionLocator(content);
  let next = 0;
  for (const { open, end, name: serviceName } of serviceScan(content)) {
    if (!escapeOpens.has(open)) continue;
    warnings.push({
      code: "escaped-placeholder",
      message:
        `"$\${" is a literal "\${" here, but the service may still read ${quote(serviceName)} ` +
        "as a variable (no escape is documented for it)",
      offset: open - 1,
      length: end - (open - 1),
    });
    while (next < placeholders.length && (placeholders[next] as PlaceholderNode).offset < open) {
      next++;
    }
    const start = locate(open - 1);
    for (; next < placeholders.length; next++) {
      const swallowed = placeholders[next] as PlaceholderNode;
      if (swallowed.offset >= end) break;
      warnings.push({
        code: "service-may-differ",
        message:
          `The service may read the escaped "$\${" at ${start.line}:${start.column} up to this ` +
          `placeholder's "}" as one variable, and so miss ${quote(swallowed.name)}`,
        offset: swallowed.offset,
        length: swallowed.length,
      });
    }
  }

  const findings: LintFinding[] = [
    ...errors.map((error) => ({ severity: "error" as const, ...error })),
    ...warnings.map((warning) => ({
      severity: "warning" as const,
      ...warning,
      ...locate(warning.offset),
    })),
  ];
  return findings.sort((a, b) => a.offset - b.offset);
}

const QUOTE_LIMIT = 40;

/** At most QUOTE_LIMIT code points, read from the start only: a long name costs no more. */
function quote(text: string): string {
  let end = 0;
  for (let shown = 0; shown < QUOTE_LIMIT && end < text.length; shown++) {
    end += (text.codePointAt(end) as number) > 0xffff ? 2 : 1;
  }
  return JSON.stringify(end < text.length ? `${text.slice(0, end)}…` : text);
}
