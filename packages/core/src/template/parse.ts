import type { RawSyntaxIssue, TemplateAst } from "./ast.js";
import { buildAst } from "./build-ast.js";
import { TemplateSyntaxError, type TemplateSyntaxIssue } from "./errors.js";
import { parseCst } from "./parser.js";
import { createPositionLocator } from "./position.js";

/**
 * Parses `${var}` template content. Never throws: syntax errors are returned, all of them,
 * in source order, and the AST still holds the text and valid placeholders around them.
 * Linear in the length of the content, however many errors it has.
 */
export function parseTemplate(content: string): {
  ast: TemplateAst;
  errors: TemplateSyntaxIssue[];
} {
  const { ast, issues } = parseTemplateAst(content);
  if (issues.length === 0) return { ast, errors: [] };
  const locate = createPositionLocator(content);
  const errors = issues.map((issue) => ({ ...issue, ...locate(issue.offset) }));
  errors.sort((a, b) => a.offset - b.offset);
  return { ast, errors };
}

/**
 * The AST and the errors without their line and column, for callers that only need the
 * placeholders (`extractVariables`): positions cost a second pass over the content.
 */
export function parseTemplateAst(content: string): { ast: TemplateAst; issues: RawSyntaxIssue[] } {
  return buildAst(parseCst(content));
}

/** Like `parseTemplate`, but throws one `TemplateSyntaxError` carrying every error. */
export function parseTemplateOrThrow(content: string): TemplateAst {
  const { ast, errors } = parseTemplate(content);
  if (errors.length > 0) throw new TemplateSyntaxError(errors);
  return ast;
}
