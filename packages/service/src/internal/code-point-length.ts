/**
 * Lengths are counted in code points, so an emoji or a CJK character counts once: UTF-16
 * units less one per surrogate pair, as `for…of` would count them (a lone surrogate counts
 * once). Counted by char code, since `for…of` makes a string of every non-ASCII character.
 */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}
