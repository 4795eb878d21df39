import type { LintFinding } from "@promptmill/core/template";
import type { HighlightedTemplate } from "../shared/highlight-template.js";
import { findingLabel } from "../shared/lint-summary.js";
import { element } from "./dom.js";

/** Draws the content with placeholders and findings marked (as views/highlighted-content.tsx). */
export function renderHighlight(target: HTMLElement, highlighted: HighlightedTemplate): void {
  const nodes = highlighted.segments.map((segment) => {
    const text =
      segment.variable === undefined
        ? segment.text
        : element("span", { class: "placeholder" }, [segment.text]);
    const finding =
      segment.finding === undefined ? undefined : highlighted.findings[segment.finding];
    if (finding === undefined) return text;
    return element(
      "mark",
      { class: `finding finding-${finding.severity}`, title: findingLabel(finding) },
      [text],
    );
  });
  target.replaceChildren(...nodes);
}

/**
 * The findings as a list; each one is a button that selects its text in the textarea, so a
 * keyboard user goes from the message to the place in one step.
 */
export function renderFindings(
  target: HTMLElement,
  findings: readonly LintFinding[],
  textarea: HTMLTextAreaElement,
): void {
  // The summary above the list already says "No errors or warnings."
  if (findings.length === 0) {
    target.replaceChildren();
    return;
  }
  const items = findings.map((finding) => {
    const button = element("button", { type: "button", class: "link-button" }, [
      element("span", { class: "finding-position" }, [`${finding.line}:${finding.column}`]),
      " ",
      element("span", { class: "finding-severity" }, [finding.severity]),
      " ",
      element("code", {}, [finding.code]),
      ` ${finding.message}`,
    ]);
    button.addEventListener("click", () => {
      textarea.focus();
      textarea.setSelectionRange(finding.offset, finding.offset + Math.max(1, finding.length));
    });
    return element("li", { class: `finding-item finding-${finding.severity}` }, [button]);
  });
  target.replaceChildren(element("ul", { class: "findings" }, items));
}
