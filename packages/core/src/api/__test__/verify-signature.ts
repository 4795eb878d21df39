import type { HeaderValues } from "../signing/canonical-request.js";
import { computeSignature, parseAuthorization, signaturesEqual } from "../signing/sign-request.js";
import type { ReceivedRequest } from "./http-test-server.js";

/**
 * Verifies a received request the way a server does: the path as received, the query
 * decoded (by `decodeQuery`, form decoding by default), exactly the headers named in
 * SignedHeaders.
 */
export function verifySignature(
  request: ReceivedRequest,
  accessKeySecret: string,
  decodeQuery: (rawQuery: string) => Record<string, string> = (raw) =>
    Object.fromEntries(new URLSearchParams(raw)),
): boolean {
  const parsed = parseAuthorization(
    typeof request.headers.authorization === "string" ? request.headers.authorization : undefined,
  );
  if (!parsed) return false;
  const expected = computeSignature(
    {
      method: request.method,
      path: request.path,
      query: decodeQuery(request.rawQuery),
      headers: request.headers as HeaderValues,
      payloadHash: String(request.headers["x-acs-content-sha256"]),
      signedHeaders: parsed.signedHeaders,
    },
    { accessKeyId: parsed.accessKeyId, accessKeySecret },
  );
  return signaturesEqual(expected.signature, parsed.signature);
}

/** A decoder that knows only `%XX` (no `+` for space), as some servers decode. */
export function decodePercentOnly(rawQuery: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of rawQuery.split("&").filter(Boolean)) {
    const eq = pair.indexOf("=");
    const name = eq === -1 ? pair : pair.slice(0, eq);
    query[decodeURIComponent(name)] = eq === -1 ? "" : decodeURIComponent(pair.slice(eq + 1));
  }
  return query;
}
