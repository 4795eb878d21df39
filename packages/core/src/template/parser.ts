import { type CstNode, CstParser, type IOrAlt } from "chevrotain";
import {
  allTokens,
  Open,
  PlaceholderEnd,
  PlaceholderPiece,
  TextPiece,
  templateLexer,
} from "./tokens.js";

/**
 * The grammar accepts every token sequence the lexer can produce: whether a placeholder's
 * insides form a valid name is decided by the AST builder, which can then report every bad
 * placeholder with its own error code instead of chevrotain's generic "expecting …" messages.
 *
 *   template    := (text | placeholder)*
 *   text        := TextPiece+                          (Text, Dollar, EscapedOpen)
 *   placeholder := Open PlaceholderPiece* PlaceholderEnd?
 *                  (pieces: Space, Name, Stray, NestedOpen; ends: Close, LineBreak)
 */
class TemplateCstParser extends CstParser {
  constructor() {
    super(allTokens, { nodeLocationTracking: "onlyOffset", recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  template = this.RULE("template", () => {
    this.MANY(() => this.OR(this.segmentAlternatives));
  });

  text = this.RULE("text", () => {
    this.AT_LEAST_ONE(() => this.CONSUME(TextPiece));
  });

  placeholder = this.RULE("placeholder", () => {
    this.CONSUME(Open);
    this.MANY(() => this.CONSUME(PlaceholderPiece));
    this.OPTION(() => this.CONSUME(PlaceholderEnd));
  });

  /** Built once rather than on every iteration, as chevrotain's performance guide advises. */
  private readonly segmentAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.text) },
    { ALT: () => this.SUBRULE(this.placeholder) },
  ];
}

/** Built once per process: self-analysis of a grammar is far costlier than a parse. */
const parser = new TemplateCstParser();

export const templateParser: CstParser = parser;

/**
 * Lexes and parses `content` into a CST. Neither stage can fail on any input (every character
 * lexes in both modes and the grammar accepts every token sequence); a failure here is a bug.
 */
export function parseCst(content: string): CstNode {
  const lexed = templateLexer.tokenize(content);
  parser.input = lexed.tokens;
  const cst = parser.template();
  const problem = lexed.errors[0]?.message ?? parser.errors[0]?.message;
  if (problem !== undefined) {
    throw new Error(`Internal template grammar error: ${problem}`);
  }
  return cst;
}
