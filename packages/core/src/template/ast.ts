// The typed AST of a template: what parseTemplate returns and what compile, lint, print and
// variables read. build-ast.ts makes it from the parser's CST.
import type { TemplateSyntaxErrorCode } from "./errors.js";

/** Literal text. `value` is what it renders (`$${` already turned into `${`). */
export interface TextNode {
  readonly type: "text";
  readonly value: string;
  /** Where the text starts in the content, in UTF-16 code units. */
  readonly offset: number;
  /** Its length in the content, which exceeds `value.length` by one per `$${` escape. */
  readonly length: number;
}

/** A valid `${name}`; `spaceBefore` and `spaceAfter` keep the spaces or tabs written around it. */
export interface PlaceholderNode {
  readonly type: "placeholder";
  readonly name: string;
  readonly spaceBefore: string;
  readonly spaceAfter: string;
  readonly offset: number;
  readonly length: number;
}

export type TemplateNode = TextNode | PlaceholderNode;

/**
 * The parsed template: text and valid placeholders in source order. A construct with a syntax
 * error has no node (its error describes it), so text on both sides of it still appears.
 */
export interface TemplateAst {
  readonly nodes: readonly TemplateNode[];
}

/** A syntax error before line and column are known (computing them needs the whole content). */
export interface RawSyntaxIssue {
  readonly code: TemplateSyntaxErrorCode;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}
