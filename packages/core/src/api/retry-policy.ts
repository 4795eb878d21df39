import { PromptmillError } from "../errors/promptmill-error.js";
import { AbortError, ApiError, ConnectionError, TimeoutError } from "./errors.js";
import type { OperationName } from "./operations.js";
import { isPermanentConnectionFailure } from "./transport-error.js";

/*
 * Why this loop is ours and not ky's `retry` option: ky 1.14.3 decides on the HTTP status
 * and reads `Retry-After`-style headers in seconds, but this API
 *  - may send throttling as status 400, recognisable only by the code in the body,
 *  - says when to come back in `x-acs-retry-after`, in milliseconds,
 *  - needs a fresh signature nonce and date on every attempt (the service rejects a reused
 *    nonce), and
 *  - must never repeat a Create unless the first attempt certainly had no effect, which
 *    depends on how the connection failed (refused, or cut after sending).
 * ky is called with `retry: 0` and this module decides; the rules are below, one per branch.
 */

export interface RetrySettings {
  /** Retries after the first attempt. */
  limit: number;
  /** Cap of the exponential backoff. */
  backoffLimitMs: number;
  /** Cap of a wait the service asks for with `x-acs-retry-after`. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  limit: 3,
  backoffLimitMs: 10_000,
  maxRetryAfterMs: 30_000,
};

export const BACKOFF_BASE_MS = 200;

export interface RetryEvent {
  operation: OperationName;
  /** The retry about to be made: 1 for the first retry (the second request). */
  attempt: number;
  /** Why the previous attempt failed. */
  error: PromptmillError;
  /** How long the client waits before the retry. */
  delayMs: number;
}

export function shouldRetry(operation: OperationName, error: PromptmillError): boolean {
  const isCreate = operation === "CreatePromptTemplate";
  if (error instanceof ApiError) {
    // Throttling (any code containing `Throttling`, whatever the status) means the gateway
    // turned the request away before the service acted: safe to repeat, Create included.
    if (error.kind === "throttling") return true;
    // A 5xx may come after the service acted. Get, List, Update (same values) and Delete
    // (a second delete finds nothing) can be repeated; a repeated Create could duplicate the
    // template, so its 5xx is the caller's to reconcile.
    if (error.status >= 500 || error.kind === "server") return !isCreate;
    return false;
  }
  if (error instanceof ConnectionError) {
    if (isPermanentConnectionFailure(error)) return false;
    // Refused, unresolved, unreachable: the request never left, so even a Create is safe.
    if (error.delivery === "not-sent") return true;
    // Cut after sending: the service may have acted; only idempotent operations repeat.
    return !isCreate;
  }
  // A timeout leaves the outcome unknown, as a cut connection does.
  if (error instanceof TimeoutError) return !isCreate;
  // The caller's abort, credential problems, invalid input or responses: never retried.
  return false;
}

/**
 * The wait before retry number `retry` (1-based). The service's `x-acs-retry-after` wins,
 * capped; otherwise exponential backoff with full jitter: uniform in [0, min(cap, base·2^(n-1))],
 * which spreads clients that were throttled together.
 */
export function retryDelayMs(
  error: PromptmillError,
  retry: number,
  settings: RetrySettings,
  random: () => number = Math.random,
): number {
  if (error instanceof ApiError && error.retryAfterMs !== undefined) {
    return Math.min(Math.max(0, error.retryAfterMs), settings.maxRetryAfterMs);
  }
  const ceiling = Math.min(settings.backoffLimitMs, BACKOFF_BASE_MS * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** Whether an attempt that failed like this may have changed something on the service. */
export function mayHaveActed(error: PromptmillError): boolean {
  if (error instanceof ApiError) return error.kind !== "throttling";
  if (error instanceof ConnectionError || error instanceof AbortError) {
    return error.delivery === "unknown";
  }
  return error instanceof TimeoutError;
}

export interface RetryLoopOptions<T> {
  operation: OperationName;
  settings: RetrySettings;
  signal: AbortSignal | undefined;
  onRetry: ((event: RetryEvent) => void) | undefined;
  random?: () => number;
  /** One attempt; it gets whether an earlier attempt may have acted, for its own errors. */
  attempt: (earlierAttemptMayHaveActed: boolean) => Promise<T>;
  /** The error to throw when the caller aborts during a wait. */
  abortedWhileWaiting: (earlierAttemptMayHaveActed: boolean) => unknown;
}

export async function withRetries<T>(options: RetryLoopOptions<T>): Promise<T> {
  let acted = false;
  for (let retry = 1; ; retry++) {
    try {
      return await options.attempt(acted);
    } catch (error) {
      if (
        !PromptmillError.isInstance(error) ||
        retry > options.settings.limit ||
        !shouldRetry(options.operation, error)
      ) {
        throw error;
      }
      acted ||= mayHaveActed(error);
      const delayMs = retryDelayMs(error, retry, options.settings, options.random);
      options.onRetry?.({ operation: options.operation, attempt: retry, error, delayMs });
      if (!(await wait(delayMs, options.signal))) throw options.abortedWhileWaiting(acted);
    }
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
