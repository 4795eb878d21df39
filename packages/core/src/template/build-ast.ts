import type { CstNode, IToken } from "chevrotain";
import type { RawSyntaxIssue, TemplateAst, TemplateNode } from "./ast.js";
import { templateParser } from "./parser.js";
import { Close, Name, NestedOpen, Space } from "./tokens.js";

interface BuildState {
  readonly nodes: TemplateNode[];
  readonly issues: RawSyntaxIssue[];
}

type Children = Record<string, (CstNode | IToken)[] | undefined>;

const BaseVisitor = templateParser.getBaseCstVisitorConstructor<BuildState, void>();

function endOf(token: IToken): number {
  return token.startOffset + token.image.length;
}

function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
  return `${JSON.stringify(character)} (U+${hex})`;
}

function appendText(state: BuildState, value: string, offset: number, length: number): void {
  const previous = state.nodes.at(-1);
  if (previous?.type === "text" && previous.offset + previous.length === offset) {
    state.nodes[state.nodes.length - 1] = {
      type: "text",
      value: previous.value + value,
      offset: previous.offset,
      length: previous.length + length,
    };
    return;
  }
  state.nodes.push({ type: "text", value, offset, length });
}

/** Turns the CST into the AST and collects one error per bad construct (see `placeholder`). */
class AstBuilder extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  template(children: Children, state: BuildState): void {
    const texts = (children.text ?? []) as CstNode[];
    const placeholders = (children.placeholder ?? []) as CstNode[];
    // chevrotain groups children by rule, so the two sorted lists are merged back by offset.
    let textIndex = 0;
    let placeholderIndex = 0;
    while (textIndex < texts.length || placeholderIndex < placeholders.length) {
      const text = texts[textIndex];
      const placeholder = placeholders[placeholderIndex];
      const textFirst =
        placeholder === undefined || (text !== undefined && startOf(text) < startOf(placeholder));
      if (textFirst) {
        this.visit(text as CstNode, state);
        textIndex++;
      } else {
        this.visit(placeholder, state);
        placeholderIndex++;
      }
    }
  }

  text(children: Children, state: BuildState): void {
    const tokens = children.TextPiece as IToken[];
    const start = (tokens[0] as IToken).startOffset;
    const end = endOf(tokens[tokens.length - 1] as IToken);
    const value = tokens.map((token) => (token.image === "$${" ? "${" : token.image)).join("");
    appendText(state, value, start, end - start);
  }

  /**
   * A placeholder yields exactly one of: a node, `unterminated-placeholder`, one
   * `nested-placeholder` per inner `${`, `empty-placeholder` or `invalid-variable-name`.
   * Reporting only the first problem of each construct keeps one mistake from cascading
   * into several errors, while every construct is still checked.
   */
  placeholder(children: Children, state: BuildState): void {
    const open = (children.Open as IToken[])[0] as IToken;
    const end = (children.PlaceholderEnd as IToken[] | undefined)?.[0];
    const close = end?.tokenType === Close ? end : undefined;
    if (close === undefined) {
      const lineBreak = end;
      const where = lineBreak === undefined ? "the end of the text" : "the end of the line";
      state.issues.push({
        code: "unterminated-placeholder",
        message: `"\${" is not closed by "}" before ${where}; write "$\${" for a literal "\${"`,
        offset: open.startOffset,
        length: 2,
      });
      if (lineBreak !== undefined) {
        appendText(state, lineBreak.image, lineBreak.startOffset, lineBreak.image.length);
      }
      return;
    }

    const pieces = (children.PlaceholderPiece ?? []) as IToken[];
    const nested = pieces.filter((piece) => piece.tokenType === NestedOpen);
    if (nested.length > 0) {
      for (const inner of nested) {
        state.issues.push({
          code: "nested-placeholder",
          message: `"\${" inside a placeholder; placeholders cannot be nested`,
          offset: inner.startOffset,
          length: 2,
        });
      }
      return;
    }

    const start = open.startOffset;
    const length = endOf(close) - start;
    const leading = pieces[0]?.tokenType === Space ? pieces[0] : undefined;
    const last = pieces.at(-1);
    const trailing = pieces.length > 1 && last?.tokenType === Space ? last : undefined;
    const inner = pieces.slice(leading ? 1 : 0, trailing ? -1 : pieces.length);
    const name = inner[0];

    if (name === undefined) {
      state.issues.push({
        code: "empty-placeholder",
        message: `Placeholder has no variable name; write "$\${" for a literal "\${"`,
        offset: start,
        length,
      });
      return;
    }
    const bad = inner.find((token) => token.tokenType !== Name);
    if (bad !== undefined) {
      const character = String.fromCodePoint(bad.image.codePointAt(0) ?? 0);
      const where = bad.tokenType === Space ? "inside" : "in";
      state.issues.push({
        code: "invalid-variable-name",
        message:
          `Character ${describeCharacter(character)} is not allowed ${where} a variable name; ` +
          `names are Unicode letters, combining marks, decimal digits and "_"`,
        offset: bad.startOffset,
        length: character.length,
      });
      return;
    }
    state.nodes.push({
      type: "placeholder",
      name: name.image,
      spaceBefore: leading?.image ?? "",
      spaceAfter: trailing?.image ?? "",
      offset: start,
      length,
    });
  }
}

function startOf(node: CstNode): number {
  return node.location?.startOffset ?? 0;
}

const builder = new AstBuilder();

export function buildAst(cst: CstNode): { ast: TemplateAst; issues: RawSyntaxIssue[] } {
  const state: BuildState = { nodes: [], issues: [] };
  builder.visit(cst, state);
  return { ast: { nodes: state.nodes }, issues: state.issues };
}
