/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { LintFinding } from "@promptmill/core/template";
import type { HighlightedTemplate } from "../shared/highlight-template.js";
import { findingLabel } from "../shared/lint-summary.js";

/**
 * The content with its placeholders and findings marked, as the browser draws it again while
 * editing (src/client/highlight-view.ts): same classes, same structure.
 */
export function HighlightedContent(props: { highlighted: HighlightedTemplate; id?: string }) {
  const { segments, findings } = props.highlighted;
  return (
    <pre class="template-content" id={props.id}>
      {/* The HTML parser drops a newline right after <pre>: this one, not the content's. */}
      {"\n"}
      {segments.map((segment) => {
        const finding = segment.finding === undefined ? undefined : findings[segment.finding];
        const text =
          segment.variable === undefined ? (
            segment.text
          ) : (
            <span class="placeholder">{segment.text}</span>
          );
        if (finding === undefined) return text;
        return (
          <mark class={`finding finding-${finding.severity}`} title={findingLabel(finding)}>
            {text}
          </mark>
        );
      })}
    </pre>
  );
}

/** The findings as a list with line:column, errors first. */
export function FindingList(props: { findings: readonly LintFinding[] }) {
  if (props.findings.length === 0) {
    return <p class="lint-clean">No errors or warnings.</p>;
  }
  return (
    <ul class="findings">
      {props.findings.map((finding) => (
        <li class={`finding-item finding-${finding.severity}`}>
          <span class="finding-position">
            {finding.line}:{finding.column}
          </span>{" "}
          <span class="finding-severity">{finding.severity}</span> <code>{finding.code}</code>{" "}
          {finding.message}
        </li>
      ))}
    </ul>
  );
}
