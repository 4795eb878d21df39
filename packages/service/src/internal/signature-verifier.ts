import {
  API_VERSION,
  computeSignature,
  type HeaderValues,
  hashCanonicalRequest,
  type KnownErrorCode,
  type OperationName,
  parseAuthorization,
  type QueryValues,
  SIGNATURE_ALGORITHM,
  signaturesEqual,
} from "@promptmill/core";
import type { AccessKeyConfig } from "../access-keys.js";
import type { NonceStore } from "../store/nonce-store.js";
import { parseAcsDate } from "./acs-date.js";

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
  | { ok: false; code: KnownErrorCode; message?: string; headers?: Record<string, string> };

/**
 * Headers every signed request must carry, once each, and sign. Without the date and the
 * nonce signed, a captured request could be replayed forever; the action and version pin
 * what it does. Once each: the canonical form joins repeated values, so with two nonce
 * headers the signature would cover both while only one of them was checked.
 */
const REQUIRED_SIGNED_HEADERS = [
  "x-acs-action",
  "x-acs-version",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-content-sha256",
] as const;

/**
 * A plausible nonce: printable ASCII without spaces, 8 to 128 characters (clients send 32 or
 * 64 hex digits). Anything else is refused before it is used as a replay key, so no padding,
 * invisible character or huge value can make a second key of one nonce.
 */
const NONCE = /^[\x21-\x7e]{8,128}$/;

export interface SignatureVerifierOptions {
  keys: readonly AccessKeyConfig[];
  nonces: NonceStore;
  toleranceMs: number;
  /** Live nonces per AccessKey at most; past it new requests are throttled. */
  maxLiveNoncesPerKey: number;
  /** The service's clock, in ms since the epoch. */
  now: () => number;
}

/** Checks an ACS3-HMAC-SHA256 request the way Alibaba Cloud's API gateway does. */
export class SignatureVerifier {
  readonly #keys: Map<string, AccessKeyConfig>;
  readonly #options: SignatureVerifierOptions;

  constructor(options: SignatureVerifierOptions) {
    this.#keys = new Map(options.keys.map((key) => [key.accessKeyId, key]));
    this.#options = options;
  }

  /** `operation` is the one the method and path select: the signed x-acs-action must name it. */
  async verify(request: ReceivedRequest, operation: OperationName): Promise<VerifyResult> {
    const authorization = parseAuthorization(only(request.headers.authorization));
    if (!authorization || authorization.algorithm !== SIGNATURE_ALGORITHM) {
      return incomplete(`The Authorization header is missing or not ${SIGNATURE_ALGORITHM}.`);
    }
    const signed = new Set(authorization.signedHeaders.map((name) => name.toLowerCase()));
    const values: Record<string, string> = {};
    for (const name of REQUIRED_SIGNED_HEADERS) {
      const received = request.headers[name];
      const count = received === undefined ? 0 : typeof received === "string" ? 1 : received.length;
      if (count === 0) return incomplete(`The ${name} header is missing.`);
      if (count > 1) return incomplete(`The ${name} header appears ${count} times; send it once.`);
      if (!signed.has(name)) return incomplete(`The ${name} header must be signed.`);
      values[name] = only(received) ?? "";
    }

    const date = values["x-acs-date"] ?? "";
    const dateMs = parseAcsDate(date);
    if (dateMs === undefined) {
      return {
        ok: false,
        code: "InvalidTimeStamp.Format",
        message: `The x-acs-date header ${quote(date)} is not a real UTC time written YYYY-MM-DDTHH:mm:ssZ.`,
      };
    }
    const version = values["x-acs-version"];
    if (version !== API_VERSION) {
      return {
        ok: false,
        code: "InvalidVersion",
        message: `The x-acs-version header is ${quote(version ?? "")}; this API's version is ${API_VERSION}.`,
      };
    }
    const action = values["x-acs-action"];
    if (action !== operation) {
      return {
        ok: false,
        code: "InvalidAction.Mismatch",
        message: `The x-acs-action header is ${quote(action ?? "")}, but ${request.method} on this path is ${operation}.`,
      };
    }
    // The replay key is the value as signed: the canonical form trims header values (with
    // JavaScript's trim, as the official SDK does, which also strips U+00A0), so a nonce
    // padded with such characters signs the same and must count as the same nonce.
    const nonce = (values["x-acs-signature-nonce"] ?? "").trim();
    if (!NONCE.test(nonce)) {
      return incomplete(
        "The x-acs-signature-nonce header must be 8 to 128 printable ASCII characters without spaces.",
      );
    }

    const key = this.#keys.get(authorization.accessKeyId);
    if (!key) return { ok: false, code: "InvalidAccessKeyId.NotFound" };

    const expected = computeSignature(
      {
        method: request.method,
        path: request.rawPath,
        query: request.query,
        headers: request.headers as HeaderValues,
        payloadHash: values["x-acs-content-sha256"] ?? "",
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

    const { toleranceMs, maxLiveNoncesPerKey } = this.#options;
    const now = this.#options.now();
    if (Math.abs(now - dateMs) > toleranceMs) {
      return {
        ok: false,
        code: "InvalidTimeStamp.Expired",
        message: `The x-acs-date ${date} is more than ${toleranceMs / 1000} s away from the server time ${new Date(now).toISOString()}.`,
      };
    }

    // Recorded only after the signature holds, so unsigned junk cannot fill the store. It
    // must outlive the moment the request's date leaves the window, or it could be replayed.
    const verdict = await this.#options.nonces.rememberNonce(
      key.accessKeyId,
      nonce,
      dateMs + toleranceMs,
      { now, maxLivePerKey: maxLiveNoncesPerKey },
    );
    if (verdict.outcome === "used") return { ok: false, code: "SignatureNonceUsed" };
    if (verdict.outcome === "full") {
      // Forgetting an older nonce to make room would let its request be replayed: the key
      // waits instead, as a throttled client does.
      return {
        ok: false,
        code: "Throttling.User",
        message: `This AccessKey has ${maxLiveNoncesPerKey} live nonces, the most the service keeps for one key (each until its x-acs-date is ${toleranceMs / 60_000} minutes past); retry after x-acs-retry-after ms.`,
        headers: { "x-acs-retry-after": String(verdict.retryAfterMs) },
      };
    }
    return { ok: true, key };
  }
}

function incomplete(message: string): VerifyResult {
  return { ok: false, code: "IncompleteSignature", message };
}

function only(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === "string" ? value : value?.[0];
}

/** A received header value in a message: quoted, escaped, and cut short if long. */
function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}
