import type { TemplateAst } from "../ast.js";
import type { RenderMode, RenderValues } from "../compile.js";

/**
 * The obvious way to render, kept deliberately naive so it can judge the real renderers:
 * walk the AST, look each value up as an own property, and for `keep` copy the placeholder
 * straight from the content.
 */
export function referenceRender(
  content: string,
  ast: TemplateAst,
  values: RenderValues,
  mode: RenderMode,
): { output: string } | { missing: string[] } {
  const textOf = (name: string): string | undefined => {
    if (!Object.hasOwn(values, name)) return undefined;
    const value = values[name];
    return value === null || value === undefined ? undefined : String(value);
  };
  const missing: string[] = [];
  for (const node of ast.nodes) {
    if (node.type === "placeholder" && textOf(node.name) === undefined) {
      if (!missing.includes(node.name)) missing.push(node.name);
    }
  }
  if (mode === "strict" && missing.length > 0) return { missing };
  let output = "";
  for (const node of ast.nodes) {
    if (node.type === "text") {
      output += node.value;
    } else {
      const asWritten = content.slice(node.offset, node.offset + node.length);
      output += textOf(node.name) ?? (mode === "keep" ? asWritten : "");
    }
  }
  return { output };
}
