import type { LintFinding } from "@promptmill/core/template";

/** "2 errors, 1 warning." — the line above the findings, on the server and in the browser. */
export function lintSummary(findings: readonly LintFinding[]): string {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  if (errors + warnings === 0) return "No errors or warnings.";
  const part = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `${part(errors, "error")}, ${part(warnings, "warning")}.`;
}

/** The label of one finding: where, how bad, which rule, what. */
export function findingLabel(finding: LintFinding): string {
  return `${finding.line}:${finding.column} ${finding.severity} ${finding.code}: ${finding.message}`;
}
