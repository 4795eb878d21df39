/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { GetPromptTemplateResponse } from "@promptmill/core";
import type { HighlightedTemplate } from "../shared/highlight-template.js";
import { FindingList, HighlightedContent } from "./highlighted-content.js";
import { PreviewPanel } from "./preview-panel.js";

/** A template: content with placeholders highlighted, variables, lint findings, live preview. */
export function TemplateDetails(props: {
  template: GetPromptTemplateResponse;
  system: boolean;
  highlighted: HighlightedTemplate;
}) {
  const { template, system, highlighted } = props;
  const id = encodeURIComponent(template.promptTemplateId);
  return (
    <article class="template" data-template-view data-content={template.content}>
      <header class="page-header">
        <h1>{template.name}</h1>
        <p class="template-meta">
          <span class={`badge badge-${system ? "system" : "custom"}`}>
            {system ? "System" : "Custom"}
          </span>{" "}
          <code>{template.promptTemplateId}</code>
        </p>
        {system ? (
          <p class="read-only">System templates are read-only.</p>
        ) : (
          <p class="actions">
            <a class="button" href={`/templates/${id}/edit`}>
              Edit
            </a>{" "}
            <a class="button button-danger" href={`/templates/${id}/delete`}>
              Delete
            </a>
          </p>
        )}
      </header>
      <div class="columns">
        <div class="column">
          <section aria-labelledby="content-heading">
            <h2 id="content-heading">Content</h2>
            <HighlightedContent highlighted={highlighted} id="highlighted" />
          </section>
          <section aria-labelledby="lint-heading">
            <h2 id="lint-heading">Lint</h2>
            <FindingList findings={highlighted.findings} />
          </section>
        </div>
        <div class="column">
          <section aria-labelledby="variables-heading">
            <h2 id="variables-heading">Variables</h2>
            {template.variables.length === 0 ? (
              <p class="muted">This template has no variables.</p>
            ) : (
              <ul class="variables">
                {template.variables.map((name) => (
                  <li>
                    <code class="variable">{name}</code>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <PreviewPanel />
        </div>
      </div>
    </article>
  );
}
