// The public API of @promptmill/core/template: the whole `${var}` language (parse, variables,
// lint, compile, render) and nothing that needs Node, so that browsers and edge runtimes can
// import it. The main entry re-exports every name listed here.

export { PromptmillError } from "../errors/promptmill-error.js";
export type { PlaceholderNode, TemplateAst, TemplateNode, TextNode } from "./ast.js";
export {
  type CompiledTemplate,
  type CompileOptions,
  compileTemplate,
  type RenderMode,
  type RenderValues,
} from "./compile.js";
export {
  MissingVariablesError,
  TemplateSyntaxError,
  type TemplateSyntaxErrorCode,
  type TemplateSyntaxIssue,
  TemplateValueError,
} from "./errors.js";
export { type LintFinding, lintTemplate } from "./lint.js";
export { parseTemplate, parseTemplateOrThrow } from "./parse.js";
export { printTemplate } from "./print.js";
export { renderTemplate } from "./render.js";
export { extractVariables, scanSimpleVariables } from "./variables.js";
