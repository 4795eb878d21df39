import type { QueryValues } from "@promptmill/core";

export type DecodedQuery =
  | { ok: true; query: QueryValues }
  /** `parameter` is the name as decoded, or as received when the name itself is undecodable. */
  | { ok: false; parameter: string; nameDecoded: boolean; problem: string };

/** What may appear unencoded in a query: printable ASCII. Anything else must be %-encoded. */
const UNENCODED = /^[\x21-\x7e]*$/;

/**
 * Decodes a raw query string into the parameters the signature covers: pieces split at `&`,
 * name and value at the first `=`, `+` read as a space, every `%XX` decoded as UTF-8. A
 * repeated name keeps its last value, as our client signs it, and a null prototype keeps a
 * parameter named `__proto__` an ordinary one.
 *
 * Stricter than URLSearchParams, which stores bytes that are not UTF-8 as U+FFFD and keeps a
 * malformed `%` as it is: the value stored would not be the value sent. Such a parameter is
 * refused, as is a raw byte outside printable ASCII (Node hands it over as a Latin-1
 * character, which is not what the client meant either).
 */
export function decodeQuery(rawQuery: string): DecodedQuery {
  const query: QueryValues = Object.create(null);
  for (const piece of rawQuery.split("&")) {
    // `a=1&&b=2` and a trailing `&` carry no parameter, as URLSearchParams reads them.
    if (piece === "") continue;
    const equals = piece.indexOf("=");
    const rawName = equals === -1 ? piece : piece.slice(0, equals);
    const name = decodeComponent(rawName);
    if (name === undefined) {
      return { ok: false, parameter: rawName, nameDecoded: false, problem: NOT_UTF8 };
    }
    const value = decodeComponent(equals === -1 ? "" : piece.slice(equals + 1));
    if (value === undefined) {
      return { ok: false, parameter: name, nameDecoded: true, problem: NOT_UTF8 };
    }
    query[name] = value;
  }
  return { ok: true, query };
}

const NOT_UTF8 = "is not percent-encoded UTF-8";

function decodeComponent(raw: string): string | undefined {
  if (!UNENCODED.test(raw)) return undefined;
  try {
    // Throws URIError on a malformed escape and on bytes that are not UTF-8, overlong forms
    // and encoded surrogates included.
    return decodeURIComponent(raw.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}
