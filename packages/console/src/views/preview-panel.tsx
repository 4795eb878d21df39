/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The live preview: the browser fills it (src/client/preview-panel.ts) with one field per
 * variable, the render mode and the rendered prompt, using @promptmill/core/template.
 */
export function PreviewPanel() {
  return (
    <section class="preview" aria-labelledby="preview-heading" data-preview>
      <h2 id="preview-heading">Preview</h2>
      <p class="muted" data-preview-placeholder>
        The preview renders in the browser and needs JavaScript.
      </p>
    </section>
  );
}
