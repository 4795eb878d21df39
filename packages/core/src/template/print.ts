import type { TemplateAst, TemplateNode } from "./ast.js";

/**
 * Writes an AST back as content: parsing the result gives the same AST. Text is escaped
 * (`${` becomes `$${`), and placeholders keep the spaces written around their names.
 * Adjacent text nodes are escaped as one run: `$` and `{` in two nodes still form a `${`.
 */
export function printTemplate(ast: TemplateAst): string {
  let out = "";
  let text = "";
  for (const node of ast.nodes) {
    if (node.type === "text") {
      text += node.value;
      continue;
    }
    out += escapeText(text) + printNode(node);
    text = "";
  }
  return out + escapeText(text);
}

export function printNode(node: TemplateNode): string {
  if (node.type === "text") return escapeText(node.value);
  return `\${${node.spaceBefore}${node.name}${node.spaceAfter}}`;
}

function escapeText(value: string): string {
  // A replacer function, because in a replacement string `$$` means a single `$`.
  return value.replaceAll("${", () => "$${");
}
