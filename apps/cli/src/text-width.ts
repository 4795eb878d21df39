// Terminals give East Asian wide characters and most emoji two cells, combining marks none. Without
// this a table with Chinese names would not line up.
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

// Variation selectors (U+FE00-FE0F) are marks too, so \p{M} covers them.
const ZERO_WIDTH = /[\p{M}\u200b-\u200f]/u;

function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  for (const [low, high] of WIDE_RANGES) {
    if (code >= low && code <= high) return 2;
  }
  return 1;
}

/** How many terminal cells the text takes. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Cuts the text to at most `maxWidth` cells, marking the cut with an ellipsis. */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (textWidth(text) <= maxWidth) return text;
  let result = "";
  let width = 0;
  for (const char of text) {
    const next = charWidth(char);
    if (width + next > maxWidth - 1) break;
    result += char;
    width += next;
  }
  return `${result}…`;
}

export function padToWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - textWidth(text)));
}
