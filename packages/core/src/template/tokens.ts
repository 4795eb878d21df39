import { type CustomPatternMatcherFunc, createToken, Lexer, type TokenType } from "chevrotain";

/**
 * The `${var}` language has two lexer modes. In `text` everything is literal except `${`, which
 * opens a placeholder, and `$${`, the escape for a literal `${`. In `placeholder` the tokens are
 * the pieces a name can be made of, plus the pieces that make it invalid; `}` and a line break
 * both leave the mode, so a missing `}` never swallows more than the rest of its line.
 */

/**
 * chevrotain rebuilds regex patterns with only the `y` (and `i`) flag, dropping `u`, so `\p{…}`
 * classes would silently stop working. Unicode-aware tokens therefore use custom matchers.
 */
function unicodeMatcher(source: string): CustomPatternMatcherFunc {
  const sticky = new RegExp(source, "uy");
  return (text, offset) => {
    sticky.lastIndex = offset;
    return sticky.exec(text);
  };
}

const NAME_CHARACTER = String.raw`\p{L}\p{M}\p{Nd}_`;

/**
 * Categories group the tokens the parser treats alike, so the grammar needs no alternatives
 * inside a text run or a placeholder, and each CST node lists its tokens in source order.
 */
export const TextPiece = createToken({ name: "TextPiece", pattern: Lexer.NA });
export const PlaceholderPiece = createToken({ name: "PlaceholderPiece", pattern: Lexer.NA });
export const PlaceholderEnd = createToken({ name: "PlaceholderEnd", pattern: Lexer.NA });

export const EscapedOpen = createToken({
  name: "EscapedOpen",
  pattern: "$${",
  categories: TextPiece,
});

export const Open = createToken({ name: "Open", pattern: "${", push_mode: "placeholder" });

/** A `$` that starts neither `${` nor `$${` is literal, and so is `$$` before anything but `{`. */
export const Dollar = createToken({ name: "Dollar", pattern: "$", categories: TextPiece });

export const Text = createToken({
  name: "Text",
  pattern: /[^$]+/,
  line_breaks: true,
  categories: TextPiece,
});

export const Close = createToken({
  name: "Close",
  pattern: "}",
  pop_mode: true,
  categories: PlaceholderEnd,
});

export const LineBreak = createToken({
  name: "LineBreak",
  pattern: /\r\n|\r|\n/,
  pop_mode: true,
  line_breaks: true,
  categories: PlaceholderEnd,
});

export const NestedOpen = createToken({
  name: "NestedOpen",
  pattern: "${",
  categories: PlaceholderPiece,
});

export const Space = createToken({
  name: "Space",
  pattern: /[ \t]+/,
  categories: PlaceholderPiece,
});

export const Name = createToken({
  name: "Name",
  pattern: unicodeMatcher(`[${NAME_CHARACTER}]+`),
  line_breaks: false,
  categories: PlaceholderPiece,
});

/**
 * Any other single code point inside a placeholder (`.`, `-`, `{`, a lone `$`, an emoji …).
 * One code point per token, so an error can point at exactly the first bad character.
 */
export const Stray = createToken({
  name: "Stray",
  pattern: unicodeMatcher(`[^}\\r\\n \\t${NAME_CHARACTER}]`),
  line_breaks: false,
  categories: PlaceholderPiece,
});

export const textModeTokens: TokenType[] = [EscapedOpen, Open, Dollar, Text];

export const placeholderModeTokens: TokenType[] = [
  Close,
  LineBreak,
  NestedOpen,
  Space,
  Name,
  Stray,
];

export const allTokens: TokenType[] = [
  ...textModeTokens,
  ...placeholderModeTokens,
  TextPiece,
  PlaceholderPiece,
  PlaceholderEnd,
];

/**
 * Built once: chevrotain validates and optimises the definition in the constructor. The
 * Unicode matchers cannot list their first characters, so chevrotain's first-character
 * optimisation is off for the placeholder mode; its tokens are few and short anyway.
 */
export const templateLexer = new Lexer(
  {
    modes: { text: textModeTokens, placeholder: placeholderModeTokens },
    defaultMode: "text",
  },
  { positionTracking: "onlyOffset", ensureOptimizations: false },
);
