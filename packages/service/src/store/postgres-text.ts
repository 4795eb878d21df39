/**
 * PostgreSQL's text cannot hold U+0000, which a template's name or content may contain (the
 * service stores exactly what was sent). So such a value is kept twice: as text with each
 * U+0000 replaced by U+FFFD, which the indexes and the keyword search read, and as its exact
 * UTF-8 bytes in a bytea column beside it, which is null for every value without U+0000.
 *
 * The replacement keeps a keyword search exact. A keyword with neither U+0000 nor U+FFFD
 * matches the text exactly where it matches the value: no occurrence of it can cover a
 * replaced character. Any other keyword is checked against the bytes (UTF-8 is
 * self-synchronising, so a byte substring is a character substring); see `exactKeyword`.
 */
export interface PostgresText {
  text: string;
  /** The exact UTF-8 bytes, only when the value holds U+0000. */
  withNul: Buffer | null;
}

const NUL = "\u0000";
const REPLACEMENT = "\ufffd";

export function toPostgresText(value: string): PostgresText {
  if (!value.includes(NUL)) return { text: value, withNul: null };
  return { text: value.replaceAll(NUL, REPLACEMENT), withNul: Buffer.from(value, "utf8") };
}

export function fromPostgresText(text: string, withNul: Buffer | null): string {
  return withNul === null ? text : withNul.toString("utf8");
}

/**
 * Whether a keyword search must look at the exact bytes too: when the keyword holds U+0000
 * (the text cannot) or U+FFFD (the text's replacement for U+0000 would match it).
 */
export function keywordNeedsBytes(keyword: string): boolean {
  return keyword.includes(NUL) || keyword.includes(REPLACEMENT);
}
