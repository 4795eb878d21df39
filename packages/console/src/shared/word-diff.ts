import { diffArrays } from "diff";

export interface DiffPart {
  readonly kind: "same" | "added" | "removed";
  readonly text: string;
}

/**
 * Beyond this many edits, or this long, the diff stops trying (its cost grows with edits ×
 * length) and the whole text is shown as replaced: a live diff must answer within a keystroke.
 */
const MAX_EDITS = 1_000;
const MAX_MILLISECONDS = 50;

/**
 * Words for the diff: a run of letters, digits and marks; each Chinese or Japanese character
 * alone (they are written without spaces, and a run would make one sentence one "word");
 * each line break; a run of other whitespace; any other character alone. A regular
 * expression, not Intl.Segmenter: V8's segmenter took seconds on a 20,000-character template.
 */
const WORD =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}_])+|\r\n|\n|\r|[^\S\r\n]+|./gsu;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** A word-level diff of two texts: what to show between the stored version and an edit. */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before === "" ? [] : [{ kind: "same", text: before }];
  const changes = diffArrays(words(before), words(after), {
    maxEditLength: MAX_EDITS,
    timeout: MAX_MILLISECONDS,
  });
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
