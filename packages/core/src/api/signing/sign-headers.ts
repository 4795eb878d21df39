import { API_VERSION } from "../operations.js";
import { EMPTY_PAYLOAD_HASH, type QueryValues } from "./canonical-request.js";
import { computeSignature, createNonce, formatAcsDate } from "./sign-request.js";

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
  const headers: Record<string, string> = {
    host: input.url.host,
    "x-acs-action": input.action,
    "x-acs-version": input.version ?? API_VERSION,
    "x-acs-date": formatAcsDate(input.date ?? new Date()),
    "x-acs-signature-nonce": input.nonce ?? createNonce(),
    "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
  };
  if (input.credentials.securityToken) {
    headers["x-acs-security-token"] = input.credentials.securityToken;
  }
  headers.accept = "application/json";

  const { authorization } = computeSignature(
    {
      method: input.method.toUpperCase(),
      path: input.url.pathname,
      query: decodedQuery(input.url),
      headers,
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    input.credentials,
  );
  headers.authorization = authorization;
  return headers;
}

/**
 * A null-prototype record, so a parameter named `__proto__` is a parameter like any other.
 * A repeated name keeps its last value; no prompt-template operation repeats one.
 */
function decodedQuery(url: URL): QueryValues {
  const query: QueryValues = Object.create(null);
  for (const [name, value] of url.searchParams) query[name] = value;
  return query;
}
