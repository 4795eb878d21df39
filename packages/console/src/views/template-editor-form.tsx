/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the ${var} syntax is shown to the user on purpose.
import { CSRF_FIELD } from "../internal/guard-requests.js";
import type { HighlightedTemplate } from "../shared/highlight-template.js";
import { lintSummary } from "../shared/lint-summary.js";
import { FindingList, HighlightedContent } from "./highlighted-content.js";
import { PreviewPanel } from "./preview-panel.js";

export interface EditorValues {
  readonly name: string;
  readonly content: string;
}

/**
 * The form to create or edit a template. The browser lints, highlights, previews and (when
 * editing) diffs against the stored version as the user types; the server checks again on
 * save. `stored` is the version the edit started from.
 */
export function TemplateEditorForm(props: {
  action: string;
  csrf: string;
  values: EditorValues;
  highlighted: HighlightedTemplate;
  stored?: EditorValues & { version: string };
  submitLabel: string;
  cancelHref: string;
}) {
  const { values, stored, highlighted } = props;
  const errors = highlighted.findings.filter((finding) => finding.severity === "error").length;
  return (
    <form
      class="editor"
      method="post"
      action={props.action}
      data-editor
      data-stored-name={stored?.name}
      data-stored-content={stored?.content}
    >
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      {stored ? <input type="hidden" name="version" value={stored.version} /> : null}
      <div class="columns">
        <div class="column">
          <div class="field">
            <label for="template-name">Name</label>
            <input
              id="template-name"
              name="name"
              type="text"
              required
              value={values.name}
              autocomplete="off"
            />
          </div>
          <div class="field">
            <label for="template-content">Content</label>
            <textarea
              id="template-content"
              name="content"
              rows={14}
              required
              spellcheck={false}
              aria-describedby="content-help lint-summary"
            >
              {/* The HTML parser drops a newline right after <textarea>: this one, not the content's. */}
              {`\n${values.content}`}
            </textarea>
            <p id="content-help" class="help">
              Write variables as <code>{"${name}"}</code>; <code>{"$${"}</code> is a literal{" "}
              <code>{"${"}</code>.
            </p>
          </div>
          <section aria-labelledby="lint-heading" class="lint">
            <h2 id="lint-heading">Lint</h2>
            <p id="lint-summary" class="lint-summary" role="status">
              {lintSummary(highlighted.findings)}
            </p>
            <div data-findings>
              {highlighted.findings.length > 0 ? (
                <FindingList findings={highlighted.findings} />
              ) : null}
            </div>
          </section>
          <p class="form-actions">
            <button type="submit" class="button-primary" data-save>
              {props.submitLabel}
            </button>{" "}
            <a href={props.cancelHref}>Cancel</a>
          </p>
          <p class="save-blocked" data-save-blocked hidden={errors === 0}>
            Fix the errors to save: a template with syntax errors cannot be rendered.
          </p>
        </div>
        <div class="column">
          <section aria-labelledby="highlight-heading">
            <h2 id="highlight-heading">Placeholders</h2>
            <HighlightedContent highlighted={highlighted} id="highlighted" />
          </section>
          {stored ? (
            <section aria-labelledby="diff-heading" class="diff">
              <h2 id="diff-heading">Changes</h2>
              <div data-diff>
                <p class="muted">No changes yet.</p>
              </div>
            </section>
          ) : null}
          <PreviewPanel />
        </div>
      </div>
    </form>
  );
}
