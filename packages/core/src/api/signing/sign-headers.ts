import { API_VERSION } from "../operations.js";
import {
  canonicalPath,
  canonicalQueryString,
  EMPTY_PAYLOAD_HASH,
  type QueryValues,
} from "./canonical-request.js";
import { createNonce, formatAcsDate, signCanonicalRequest } from "./sign-request.js";

/** What signing needs from credentials; the `Credentials` class and a plain object both fit. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

export interface SignedHeadersInput {
  method: string;
  /** The URL exactly as it will be sent: its path is signed as it stands (already percent-encoded). */
  url: URL;
  /** The operation name, sent as `x-acs-action`. */
  action: string;
  /** The API version, sent as `x-acs-version`: Model Studio's unless another product is called (STS). */
  version?: string;
  credentials: SigningCredentials;
  date?: Date;
  nonce?: string;
}

/**
 * The headers the official SDK sends with an ACS3-HMAC-SHA256 request that has no body.
 *
 * The query is signed decoded, as the server will read it, never as it stands on the wire:
 * servers decode the URL and canonicalise again, so two spellings of one value (`%20` and
 * `+`, `*` and `%2A`) must sign alike.
 */
export function createSignedHeaders(input: SignedHeadersInput): Record<string, string> {
  return signWithCanonicalQuery(input, canonicalQuery(input.url));
}

/**
 * `createSignedHeaders` for a caller that already holds the canonical query of its URL (the
 * client: `buildRequest` encodes each value once, for the URL and the signature alike), so
 * the query is not decoded from the URL and encoded again on every request.
 */
export function signWithCanonicalQuery(
  input: SignedHeadersInput,
  query: string,
): Record<string, string> {
  const version = input.version ?? API_VERSION;
  const date = formatAcsDate(input.date ?? new Date());
  const nonce = input.nonce ?? createNonce();
  const token = input.credentials.securityToken;
  const headers: Record<string, string> = {
    host: input.url.host,
    "x-acs-action": input.action,
    "x-acs-version": version,
    "x-acs-date": date,
    "x-acs-signature-nonce": nonce,
    "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
  };
  if (token) headers["x-acs-security-token"] = token;
  headers.accept = "application/json";

  // The signed headers are always these (`accept` is not signed): their canonical form is
  // written out in sorted order rather than collected, lower-cased and sorted per request.
  // buildCanonicalRequest gives the same bytes; sign-headers.test.ts checks that.
  const canonicalHeaders =
    `host:${headers.host?.trim()}\nx-acs-action:${input.action.trim()}\n` +
    `x-acs-content-sha256:${EMPTY_PAYLOAD_HASH}\nx-acs-date:${date.trim()}\n` +
    (token ? `x-acs-security-token:${token.trim()}\n` : "") +
    `x-acs-signature-nonce:${nonce.trim()}\nx-acs-version:${version.trim()}\n`;
  const signedHeaders = token ? SIGNED_HEADERS_WITH_TOKEN : SIGNED_HEADERS;
  const canonicalRequest = `${input.method.toUpperCase()}\n${canonicalPath(input.url.pathname)}\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${EMPTY_PAYLOAD_HASH}`;
  headers.authorization = signCanonicalRequest(
    canonicalRequest,
    signedHeaders,
    input.credentials,
  ).authorization;
  return headers;
}

const SIGNED_HEADERS =
  "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
const SIGNED_HEADERS_WITH_TOKEN =
  "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version";

/**
 * The URL's query decoded and canonicalised: names sorted, values in the canonical encoding.
 * A null-prototype record, so a parameter named `__proto__` is a parameter like any other.
 * A repeated name keeps its last value; no prompt-template operation repeats one.
 */
function canonicalQuery(url: URL): string {
  const query: QueryValues = Object.create(null);
  for (const [name, value] of url.searchParams) query[name] = value;
  return canonicalQueryString(query);
}
