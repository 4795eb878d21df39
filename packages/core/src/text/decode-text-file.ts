import { invalidUtf8Offset } from "./invalid-utf8-offset.js";

export type TextDecodeResult =
  | { readonly text: string }
  | { readonly offset: number; readonly reason: "invalid-utf8" | "nul" };

const BYTE_ORDER_MARK = "\uFEFF";

/**
 * A file's bytes as text, or where they stop being text: the byte offset of the first sequence
 * that is not UTF-8, or of the first NUL (a binary file). Never U+FFFD in place of bad bytes,
 * which would silently change what is stored. A leading byte order mark is dropped.
 */
export function decodeTextFile(bytes: Uint8Array): TextDecodeResult {
  const invalid = invalidUtf8Offset(bytes);
  const nul = bytes.indexOf(0);
  if (invalid !== -1 && (nul === -1 || invalid < nul))
    return { offset: invalid, reason: "invalid-utf8" };
  if (nul !== -1) return { offset: nul, reason: "nul" };
  const text = new TextDecoder("utf-8").decode(bytes);
  return { text: text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text };
}
