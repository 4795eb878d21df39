import {
  computeSignature,
  type HeaderValues,
  hashCanonicalRequest,
  type KnownErrorCode,
  parseAuthorization,
  type QueryValues,
  SIGNATURE_ALGORITHM,
  signaturesEqual,
} from "@promptmill/core";
import type { AccessKeyConfig } from "../access-keys.js";
import { NonceCache } from "./nonce-cache.js";

/** A request as it arrived, in the parts the signature covers. */
export interface ReceivedRequest {
  method: string;
  /** The path exactly as received: still percent-encoded, never normalised. */
  rawPath: string;
  /** Decoded query parameters. */
  query: QueryValues;
  /** Lowercased header names. */
  headers: Record<string, string | readonly string[] | undefined>;
}

export type VerifyResult =
  | { ok: true; key: AccessKeyConfig }
  | { ok: false; code: KnownErrorCode; message?: string };

/**
 * Headers every signed request must carry and sign. Without the date and the nonce signed,
 * a captured request could be replayed forever; the action and version pin what it does.
 */
const REQUIRED_SIGNED_HEADERS = [
  "x-acs-action",
  "x-acs-version",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-content-sha256",
] as const;

const ACS_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export interface SignatureVerifierOptions {
  keys: readonly AccessKeyConfig[];
  toleranceMs: number;
  nonceCacheSize: number;
  /** The service's clock, in ms since the epoch. */
  now: () => number;
}

/** Checks an ACS3-HMAC-SHA256 request the way Alibaba Cloud's API gateway does. */
export class SignatureVerifier {
  readonly #keys: Map<string, AccessKeyConfig>;
  readonly #nonces: NonceCache;
  readonly #toleranceMs: number;
  readonly #now: () => number;

  constructor(options: SignatureVerifierOptions) {
    this.#keys = new Map(options.keys.map((key) => [key.accessKeyId, key]));
    this.#nonces = new NonceCache(options.nonceCacheSize);
    this.#toleranceMs = options.toleranceMs;
    this.#now = options.now;
  }

  verify(request: ReceivedRequest): VerifyResult {
    const authorization = parseAuthorization(single(request.headers.authorization));
    if (!authorization || authorization.algorithm !== SIGNATURE_ALGORITHM) {
      return incomplete(`The Authorization header is missing or not ${SIGNATURE_ALGORITHM}.`);
    }
    const signed = new Set(authorization.signedHeaders.map((name) => name.toLowerCase()));
    for (const name of REQUIRED_SIGNED_HEADERS) {
      if (single(request.headers[name]) === undefined) {
        return incomplete(`The ${name} header is missing.`);
      }
      if (!signed.has(name)) return incomplete(`The ${name} header must be signed.`);
    }
    const date = single(request.headers["x-acs-date"]) ?? "";
    const dateMs = ACS_DATE_PATTERN.test(date) ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(dateMs)) {
      return incomplete("The x-acs-date header is not of the form YYYY-MM-DDTHH:mm:ssZ.");
    }

    const key = this.#keys.get(authorization.accessKeyId);
    if (!key) return { ok: false, code: "InvalidAccessKeyId.NotFound" };

    const expected = computeSignature(
      {
        method: request.method,
        path: request.rawPath,
        query: request.query,
        headers: request.headers as HeaderValues,
        payloadHash: single(request.headers["x-acs-content-sha256"]) ?? "",
        signedHeaders: authorization.signedHeaders,
      },
      key,
    );
    if (!signaturesEqual(expected.signature, authorization.signature)) {
      // The real gateway also shows its string to sign: a client can compare it with its own.
      const stringToSign = `${SIGNATURE_ALGORITHM}\n${hashCanonicalRequest(expected.canonicalRequest)}`;
      return {
        ok: false,
        code: "SignatureDoesNotMatch",
        message: `The request signature does not match the signature the server calculated. Server string to sign: ${JSON.stringify(stringToSign)}`,
      };
    }

    const now = this.#now();
    if (Math.abs(now - dateMs) > this.#toleranceMs) {
      return {
        ok: false,
        code: "InvalidTimeStamp.Expired",
        message: `The x-acs-date ${date} is more than ${this.#toleranceMs / 1000} s away from the server time ${new Date(now).toISOString()}.`,
      };
    }

    // Recorded only after the signature holds, so unsigned junk cannot fill the cache. It
    // must outlive the moment the request's date leaves the window, or it could be replayed.
    const nonce = `${key.accessKeyId}\n${single(request.headers["x-acs-signature-nonce"])}`;
    if (!this.#nonces.remember(nonce, dateMs + this.#toleranceMs, now)) {
      return { ok: false, code: "SignatureNonceUsed" };
    }
    return { ok: true, key };
  }
}

function incomplete(message: string): VerifyResult {
  return { ok: false, code: "IncompleteSignature", message };
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === "string" ? value : value?.[0];
}
