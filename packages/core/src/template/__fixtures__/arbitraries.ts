// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings here are `${var}` templates.
import { fc } from "@fast-check/vitest";
import type { PlaceholderNode, TemplateAst, TemplateNode, TextNode } from "../ast.js";
import type { RenderMode, RenderValues } from "../compile.js";

/** Characters that are valid in names, with the awkward ones well represented. */
const nameCharacter = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(..."abcxyzABC_0123456789") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "主",
      "题",
      "名",
      "é",
      "\u0301", // combining acute accent (a mark)
      "٣", // Arabic-Indic digit three
      "१", // Devanagari digit one
      "𝒳", // an astral letter: two UTF-16 units
      "ß",
      "Ω",
    ),
  },
);

/** Names that would read Object.prototype if lookups were not own-property only. */
const prototypeName = fc.constantFrom(
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
);

export const variableName: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(nameCharacter, { minLength: 1, maxLength: 6 }).map((c) => c.join("")),
  },
  { weight: 1, arbitrary: prototypeName },
);

const blank = fc.constantFrom("", "", "", " ", "\t", "  ");

/** Literal text, hostile to code generation and to the lexer alike. */
const textPiece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "$",
      "$$",
      "{",
      "}",
      "$${",
      "\n",
      "\r\n",
      "\r",
      " ",
      "你好，",
      "主题",
      "😀",
      "👩‍👩‍👧",
      '"',
      "'",
      "`",
      "\\",
      "*/",
      "</script>",
      "\u2028",
      "\u2029",
      "\ud800",
      "\udc00",
      "\0",
    ),
  },
);

const validPlaceholder = fc
  .tuple(blank, variableName, blank)
  .map(([before, name, after]) => `\${${before}${name}${after}}`);

/** Every kind of broken placeholder, plus pieces that become broken when glued together. */
const brokenPiece = fc.constantFrom(
  "${",
  "${}",
  "${ }",
  "${a.b}",
  "${a-b}",
  "${a b}",
  "${😀}",
  "${a${b}}",
  "${a${b}",
  "${主题",
  "${\n}",
  "${a\r\n",
);

/** Random content: valid and broken placeholders in random text. */
export const anyContent: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: textPiece },
      { weight: 3, arbitrary: validPlaceholder },
      { weight: 1, arbitrary: brokenPiece },
    ),
    { maxLength: 14 },
  )
  .map((pieces) => pieces.join(""));

const textNode = fc
  .array(textPiece, { minLength: 1, maxLength: 4 })
  .map((pieces): TextNode => ({ type: "text", value: pieces.join(""), offset: 0, length: 0 }));

const placeholderNode = fc.tuple(blank, variableName, blank).map(
  ([spaceBefore, name, spaceAfter]): PlaceholderNode => ({
    type: "placeholder",
    name,
    spaceBefore,
    spaceAfter,
    offset: 0,
    length: 0,
  }),
);

/**
 * An AST with arbitrary text and valid placeholders (positions left at 0). Printed, it is
 * always valid content: print escapes every `${` in text, so only placeholders open one.
 */
export const anyAst: fc.Arbitrary<TemplateAst> = fc
  .array(fc.oneof(textNode, placeholderNode), { maxLength: 10 })
  .map((nodes: TemplateNode[]) => ({ nodes }));

export const renderMode: fc.Arbitrary<RenderMode> = fc.constantFrom("strict", "lenient", "keep");

const renderValue = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 5 }),
  fc.constantFrom("", "${x}", "$${y}", "\\", "`", "\u2028", "\ud800"),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

/** Values for some of `names` (the others absent), created as own data properties. */
export function valuesFor(names: readonly string[]): fc.Arbitrary<RenderValues> {
  return fc
    .array(fc.tuple(fc.boolean(), renderValue), {
      minLength: names.length,
      maxLength: names.length,
    })
    .map((picked) =>
      Object.fromEntries(
        names.flatMap((name, index) => {
          const [present, value] = picked[index] as [boolean, RenderValues[string]];
          return present ? [[name, value]] : [];
        }),
      ),
    );
}
