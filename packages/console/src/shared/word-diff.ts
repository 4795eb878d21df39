import { diffArrays } from "diff";

export interface DiffPart {
  readonly kind: "same" | "added" | "removed";
  readonly text: string;
}

/**
 * Beyond this many edits the diff stops trying (its cost grows with edits × length) and the
 * whole text is shown as replaced: a live diff must answer within a keystroke.
 */
const MAX_EDITS = 4_000;

// Word boundaries from the runtime's ICU data: Chinese and Japanese text is split into
// words too, not into one token per run of characters, and spaces and line breaks are
// tokens of their own, so a changed line break shows.
const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

function words(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

/** A word-level diff of two texts: what to show between the stored version and an edit. */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before === "" ? [] : [{ kind: "same", text: before }];
  const changes = diffArrays(words(before), words(after), { maxEditLength: MAX_EDITS });
  if (changes === undefined) {
    return [
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ].filter((part): part is DiffPart => part.text !== "");
  }
  const parts: DiffPart[] = [];
  for (const change of changes) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    const last = parts.at(-1);
    if (last?.kind === kind) parts[parts.length - 1] = { kind, text: last.text + text };
    else if (text !== "") parts.push({ kind, text });
  }
  return parts;
}
