import { createHash } from "node:crypto";
import { acsPercentEncode } from "./percent-encode.js";

export const SIGNATURE_ALGORITHM = "ACS3-HMAC-SHA256";
/** SHA-256 of the empty body: no prompt-template operation sends one. */
export const EMPTY_PAYLOAD_HASH =
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export type HeaderValues = Record<string, string | readonly string[] | undefined>;
export type QueryValues = Record<string, string | undefined>;

export interface CanonicalRequestInput {
  method: string;
  /** The path as it goes on the wire: already percent-encoded. */
  path: string;
  /** Decoded query parameters. An undefined or empty value is canonicalised as `name=`. */
  query: QueryValues;
  headers: HeaderValues;
  payloadHash: string;
  /**
   * The headers to sign. A client leaves it out and signs every `x-acs-*`, `host` and
   * `content-type` header; a server passes the list from the request's Authorization, because
   * clients sign headers of their own (the official SDK adds `x-acs-credentials-provider`).
   */
  signedHeaders?: readonly string[];
}

export interface CanonicalRequest {
  canonicalRequest: string;
  signedHeaders: string[];
}

function isSignedByDefault(name: string): boolean {
  return name.startsWith("x-acs-") || name === "host" || name === "content-type";
}

/** The SDK encodes `+` and `*` in the path and keeps `~`: match it byte for byte. */
export function canonicalPath(path: string): string {
  // Most paths have none of the three: no copies then (this runs for every request).
  if (!/[+*]|%7E/.test(path)) return path;
  return path.replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
}

/** Decoded query parameters as signed: names sorted, values in the canonical encoding. */
export function canonicalQueryString(query: QueryValues): string {
  return Object.keys(query)
    .sort()
    .map((name) => {
      const value = query[name];
      return `${name}=${value === undefined ? "" : acsPercentEncode(value)}`;
    })
    .join("&");
}

/** The canonical request of signature V3, built the way the official SDK builds it. */
export function buildCanonicalRequest(input: CanonicalRequestInput): CanonicalRequest {
  const canonicalUri = canonicalPath(input.path);

  const canonicalQuery = canonicalQueryString(input.query);

  const wanted = input.signedHeaders?.map((name) => name.toLowerCase());
  const valuesByName = new Map<string, string[]>();
  for (const [rawName, rawValue] of Object.entries(input.headers)) {
    const name = rawName.toLowerCase();
    if (wanted ? !wanted.includes(name) : !isSignedByDefault(name)) continue;
    const values = typeof rawValue === "string" ? [rawValue] : (rawValue ?? [""]);
    const list = valuesByName.get(name) ?? [];
    for (const value of values) list.push(value.trim());
    valuesByName.set(name, list);
  }
  // A header named in SignedHeaders but absent still takes part, empty: the signature then
  // fails to match, which is the honest answer.
  for (const name of wanted ?? []) if (!valuesByName.has(name)) valuesByName.set(name, [""]);

  const signedHeaders = [...valuesByName.keys()].sort();
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(valuesByName.get(name) ?? []).sort().join(",")}\n`)
    .join("");

  const canonicalRequest = [
    input.method,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(";"),
    input.payloadHash,
  ].join("\n");
  return { canonicalRequest, signedHeaders };
}

export function hashCanonicalRequest(canonicalRequest: string): string {
  return createHash("sha256").update(canonicalRequest, "utf8").digest("hex");
}
