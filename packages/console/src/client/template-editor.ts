// On the pages of one template (view, edit, new): the template language in the browser, the
// same @promptmill/core/template applications render with. It lints, highlights, diffs and
// previews as the user types; nothing here talks to the server.
import { highlightTemplate } from "../shared/highlight-template.js";
import { lintSummary } from "../shared/lint-summary.js";
import { renderDiff } from "./diff-view.js";
import { onNextFrame } from "./dom.js";
import { renderFindings, renderHighlight } from "./highlight-view.js";
import { PreviewPanel } from "./preview-panel.js";

function previewPanel(root: ParentNode): PreviewPanel | undefined {
  const section = root.querySelector<HTMLElement>("[data-preview]");
  return section ? new PreviewPanel(section) : undefined;
}

/** A stored template: its preview only (the server drew the rest). */
function setUpView(view: HTMLElement): void {
  const content = view.dataset.content ?? "";
  previewPanel(view)?.update(content, highlightTemplate(content).variables);
}

function setUpEditor(form: HTMLFormElement): void {
  const name = form.querySelector<HTMLInputElement>("#template-name");
  const content = form.querySelector<HTMLTextAreaElement>("#template-content");
  const highlight = form.querySelector<HTMLElement>("#highlighted");
  const findings = form.querySelector<HTMLElement>("[data-findings]");
  const summary = form.querySelector<HTMLElement>("#lint-summary");
  const save = form.querySelector<HTMLButtonElement>("[data-save]");
  const saveBlocked = form.querySelector<HTMLElement>("[data-save-blocked]");
  const diff = form.querySelector<HTMLElement>("[data-diff]");
  if (!name || !content || !highlight || !findings || !summary || !save || !saveBlocked) return;
  const stored =
    form.dataset.storedContent === undefined
      ? undefined
      : { name: form.dataset.storedName ?? "", content: form.dataset.storedContent };
  const preview = previewPanel(form);
  let lastSummary = "";

  const update = () => {
    const highlighted = highlightTemplate(content.value);
    renderHighlight(highlight, highlighted);
    renderFindings(findings, highlighted.findings, content);
    // Only a changed summary is written, so a screen reader hears it once, not per keystroke.
    const text = lintSummary(highlighted.findings);
    if (text !== lastSummary) summary.textContent = lastSummary = text;
    const errors = highlighted.findings.some((finding) => finding.severity === "error");
    save.disabled = errors;
    saveBlocked.hidden = !errors;
    if (stored && diff) renderDiff(diff, stored, { name: name.value, content: content.value });
    preview?.update(content.value, highlighted.variables);
  };
  const scheduleUpdate = onNextFrame(update);
  content.addEventListener("input", scheduleUpdate);
  name.addEventListener("input", scheduleUpdate);
  update();
}

const view = document.querySelector<HTMLElement>("[data-template-view]");
if (view) setUpView(view);
const form = document.querySelector<HTMLFormElement>("form[data-editor]");
if (form) setUpEditor(form);
