/**
 * Characters that render as nothing: zero-width space and joiners, word joiner, BOM, soft
 * hyphen, Mongolian vowel separator, and the other default-ignorable code points. A name that
 * differs from another only by them looks the same on every screen.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u180e]/gu;
const WHITESPACE_RUN = /\s+/gu;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_BLANKS = / {2,}/g;

/**
 * The form two names are compared in when looking for near-duplicates: compatibility
 * normalisation (NFKC: composed accents, and full-width or half-width forms folded to their
 * usual width), invisible characters removed, runs of white space (no-break and ideographic
 * spaces included) made one space, trimmed, and case-folded. Two names with the same key read
 * the same to a person, so creating both is almost always a mistake; they are warned about,
 * never merged (the service keeps names exactly as sent).
 */
export function nameFoldKey(name: string): string {
  // Printable ASCII has no accents, widths or invisible characters to fold: the common case
  // (every row of a large file) skips the Unicode passes.
  if (PRINTABLE_ASCII.test(name)) return name.replace(ASCII_BLANKS, " ").trim().toLowerCase();
  return name
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(WHITESPACE_RUN, " ")
    .trim()
    .toLowerCase()
    .normalize("NFKC");
}

/**
 * The keywords that find, with List's case-sensitive substring match, the templates whose
 * name folds to the same key as `name`: the name itself, then its folded forms when they
 * differ (without case folding, then with). A template named `Full` is found for `Ｆｕｌｌ`,
 * and `same` for `same\u200b`; one that differs only in case is found when its spelling
 * contains the case-folded one.
 */
export function nameLookupKeywords(name: string): string[] {
  const loose = name.normalize("NFKC").replace(INVISIBLE, "").replace(WHITESPACE_RUN, " ").trim();
  const keywords = [name];
  for (const keyword of [loose, nameFoldKey(name)]) {
    if (keyword !== "" && !keywords.includes(keyword)) keywords.push(keyword);
  }
  return keywords;
}
