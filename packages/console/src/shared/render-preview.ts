import {
  MissingVariablesError,
  type RenderMode,
  renderTemplate,
  TemplateSyntaxError,
} from "@promptmill/core/template";

export const RENDER_MODES: readonly RenderMode[] = ["strict", "lenient", "keep"];

export type RenderPreview =
  | { readonly ok: true; readonly text: string; readonly unfilled: readonly string[] }
  | { readonly ok: false; readonly reason: "syntax"; readonly message: string }
  | { readonly ok: false; readonly reason: "missing"; readonly missing: readonly string[] };

/**
 * The preview of a template with the values typed into the form, rendered by the same
 * renderer applications use. An empty field counts as no value: in a form every variable
 * has a field, so "given but empty" would make strict mode meaningless.
 */
export function renderPreview(
  content: string,
  variables: readonly string[],
  fields: Readonly<Record<string, string>>,
  mode: RenderMode,
): RenderPreview {
  const values: Record<string, string> = {};
  for (const name of variables) {
    const value = fields[name];
    if (value !== undefined && value !== "") values[name] = value;
  }
  const unfilled = variables.filter((name) => !(name in values));
  try {
    return { ok: true, text: renderTemplate(content, values, { mode }), unfilled };
  } catch (error) {
    if (error instanceof MissingVariablesError) {
      return { ok: false, reason: "missing", missing: error.missing };
    }
    if (error instanceof TemplateSyntaxError) {
      return { ok: false, reason: "syntax", message: error.message };
    }
    throw error;
  }
}
