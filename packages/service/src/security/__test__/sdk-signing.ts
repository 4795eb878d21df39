import { createRequire } from "node:module";
import { stringify } from "node:querystring";
import { API_VERSION, type OperationName } from "@promptmill/core";

/*
 * Requests signed by the official SDK's own code (`@alicloud/openapi-core`): its signing
 * function, nonce and timestamp, and the headers it sends for a ROA call with signature V3.
 * For attacks the SDK's client would never send (a smuggled query, a mismatched action),
 * built here around the same signer.
 */
const require = createRequire(import.meta.url);
const { OpenApiUtil } = require("@alicloud/openapi-core") as {
  OpenApiUtil: {
    getAuthorization(
      request: { method: string; pathname: string; query: object; headers: object },
      algorithm: string,
      payloadHash: string,
      accessKeyId: string,
      accessKeySecret: string,
    ): string;
    getNonce(): string;
    getTimestamp(): string;
  };
};

export const EMPTY_BODY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface SdkRequest {
  method: string;
  /** As the SDK puts it on the wire: percent-encoded. */
  pathname: string;
  action: OperationName | string;
  /** The parameters the signature covers. */
  query: Record<string, string>;
  key: { accessKeyId: string; accessKeySecret: string };
  /** host:port the request is addressed to. */
  host: string;
  /** The query as sent; by default what the SDK sends for `query` (querystring.stringify). */
  wireQuery?: string;
  /** Header values to sign instead of the SDK's own (a wrong version, a date, a nonce). */
  headers?: Record<string, string>;
}

/** The raw bytes of one HTTP/1.1 request, signed with the SDK's signing function. */
export function sdkSignedRequest(request: SdkRequest): string {
  const headers: Record<string, string> = {
    host: request.host,
    "x-acs-version": API_VERSION,
    "x-acs-action": request.action,
    "user-agent": "AlibabaCloud (linux; x64) Node.js TeaDSL/2",
    "x-acs-date": OpenApiUtil.getTimestamp(),
    "x-acs-signature-nonce": OpenApiUtil.getNonce(),
    accept: "application/json",
    "x-acs-content-sha256": EMPTY_BODY_HASH,
    ...request.headers,
  };
  headers.authorization = OpenApiUtil.getAuthorization(
    { method: request.method, pathname: request.pathname, query: request.query, headers },
    "ACS3-HMAC-SHA256",
    EMPTY_BODY_HASH,
    request.key.accessKeyId,
    request.key.accessKeySecret,
  );
  const wireQuery = request.wireQuery ?? stringify(request.query);
  const target = `${request.pathname}${wireQuery === "" ? "" : `?${wireQuery}`}`;
  return rawRequest(request.method, target, Object.entries(headers));
}

/** Request bytes from a header list, which may repeat a name or hold any Latin-1 value. */
export function rawRequest(
  method: string,
  target: string,
  headers: readonly (readonly [string, string])[],
  body = "",
): string {
  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  const length = body === "" ? [] : [`content-length: ${Buffer.byteLength(body)}`];
  return [`${method} ${target} HTTP/1.1`, ...lines, ...length, "connection: close", "", body].join(
    "\r\n",
  );
}
