import { PromptmillError } from "../errors/promptmill-error.js";
import { AbortError, ConnectionError, type DeliveryState, TimeoutError } from "./errors.js";

export interface TransportContext {
  /** The base URL, for messages (never the query: it can be long, and is the caller's data). */
  endpoint: string;
  /** False when the failure came before this attempt's request was handed to fetch. */
  requestStarted: boolean;
  /** An earlier attempt of the same call may have been processed (a 5xx, a timeout, a cut connection). */
  earlierAttemptMayHaveActed: boolean;
  callerSignal: AbortSignal | undefined;
  timedOut: boolean;
  timeoutMs: number;
}

/** Not-sent failures that the same request will meet again: retrying them only wastes time. */
const PERMANENT_CODES = new Set([
  "ERR_INVALID_URL",
  "ERR_INVALID_URL_SCHEME",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/**
 * Codes that prove the request never left: no address, no route, no connection, no TLS
 * session, or no valid URL. Anything else after fetch was called (a reset, "other side
 * closed") may have happened after the service read the request.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  ...PERMANENT_CODES,
]);

export function isPermanentConnectionFailure(error: ConnectionError): boolean {
  return error.code !== undefined && PERMANENT_CODES.has(error.code);
}

/**
 * The one place where a failure without a response becomes our error: the caller's abort,
 * our per-attempt timeout, or a connection problem. Our own errors pass through; an error
 * that is none of these (a bug) is returned unchanged rather than disguised.
 */
export function toTransportError(error: unknown, context: TransportContext): unknown {
  if (PromptmillError.isInstance(error)) return error;

  const mayHaveActed = context.requestStarted || context.earlierAttemptMayHaveActed;
  if (context.callerSignal?.aborted) {
    return new AbortError(mayHaveActed ? "unknown" : "not-sent", context.callerSignal.reason);
  }
  if (context.timedOut) return new TimeoutError(context.timeoutMs, error);

  const code = findErrorCode(error);
  if (code === undefined && !(error instanceof TypeError)) return error;

  const delivery: DeliveryState =
    !context.requestStarted || (code !== undefined && NOT_SENT_CODES.has(code))
      ? "not-sent"
      : "unknown";
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  const message =
    code === "ERR_INVALID_URL" || code === "ERR_INVALID_URL_SCHEME"
      ? `The endpoint ${context.endpoint} is not a valid http(s) URL; the request was not sent`
      : delivery === "not-sent"
        ? `Could not connect to ${context.endpoint} (${reason}); the request was not sent`
        : `The connection to ${context.endpoint} failed before a response arrived (${reason}); the request may have been processed`;
  return new ConnectionError({ message, delivery, code, cause: error });
}

/** undici wraps the system error (`fetch failed` → cause `ECONNREFUSED`), sometimes twice. */
function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, errors, cause } = current as {
      code?: unknown;
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof code === "string") return code;
    // Happy eyeballs tries each address and reports an AggregateError of their failures.
    if (Array.isArray(errors) && errors.length > 0) {
      const first = findErrorCode(errors[0]);
      if (first !== undefined) return first;
    }
    current = cause;
  }
  return undefined;
}
