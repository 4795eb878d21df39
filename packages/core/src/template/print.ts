import type { TemplateAst, TemplateNode } from "./ast.js";

/**
 * Writes an AST back as content: parsing the result gives the same AST. Text is escaped
 * (`${` becomes `$${`), and placeholders keep the spaces written around their names.
 */
export function printTemplate(ast: TemplateAst): string {
  return ast.nodes.map(printNode).join("");
}

export function printNode(node: TemplateNode): string {
  // A replacer function, because in a replacement string `$$` means a single `$`.
  if (node.type === "text") return node.value.replaceAll("${", () => "$${");
  return `\${${node.spaceBefore}${node.name}${node.spaceAfter}}`;
}
