import stringWidth from "string-width";

// How many cells a terminal gives text is a moving target (emoji sequences, East Asian
// widths, new Unicode versions): string-width follows it, so tables line up with 🚀 and 👨‍👩‍👧
// as well as with Chinese names. Cuts happen between grapheme clusters, never inside one.
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** How many terminal cells the text takes. */
export function textWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts the text to at most `maxWidth` cells, marking the cut with an ellipsis. */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (stringWidth(text) <= maxWidth) return text;
  let result = "";
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const next = stringWidth(segment);
    if (width + next > maxWidth - 1) break;
    result += segment;
    width += next;
  }
  return `${result}…`;
}

export function padToWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stringWidth(text)));
}
