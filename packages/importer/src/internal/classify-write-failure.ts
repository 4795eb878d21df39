import {
  AbortError,
  ApiError,
  mayHaveActed,
  PromptmillError,
  ResponseValidationError,
  shouldRetry,
} from "@promptmill/core";

/**
 * What a failed Create or Update means for its row:
 * - `rejected`: the service refused this row (4xx validation): report it, do not retry;
 * - `fatal`: credentials, permissions, a wrong endpoint: no row can succeed, stop the job;
 * - `aborted`: the job was stopped while the request was out;
 * - `throttled`: the gateway turned it away before the service acted: pause, send again;
 * - `retry`: it certainly had no effect, or repeating it is harmless: back off, send again;
 * - `unknown`: a Create that may have been applied (5xx, timeout, cut connection, a 2xx we
 *   could not read): look for the template before sending again.
 */
export type WriteVerdict = "rejected" | "fatal" | "aborted" | "throttled" | "retry" | "unknown";

export type WriteOperation = "CreatePromptTemplate" | "UpdatePromptTemplate";

/**
 * The retry rules are the client's (core's `shouldRetry` and `mayHaveActed`): the importer
 * only adds what a job knows and a single request does not — that a Create which may have
 * acted is settled by listing rather than given up, and that a template deleted since the job
 * looked is this row's problem rather than the job's.
 */
export function classifyWriteFailure(error: unknown, operation: WriteOperation): WriteVerdict {
  if (error instanceof AbortError) return "aborted";
  if (!PromptmillError.isInstance(error)) return "fatal";
  if (error instanceof ApiError) {
    if (error.kind === "throttling") return "throttled";
    if (error.kind === "validation" || error.kind === "too-large") return "rejected";
    if (error.kind === "not-found" && operation === "UpdatePromptTemplate") {
      return error.code.startsWith("PromptTemplate.") ? "rejected" : "fatal";
    }
  }
  if (shouldRetry(operation, error)) return "retry";
  // A success status whose body we could not read: the service acted.
  if (error instanceof ResponseValidationError && error.status < 300) {
    return operation === "CreatePromptTemplate" ? "unknown" : "retry";
  }
  if (operation === "CreatePromptTemplate" && mayHaveActed(error) && isTransient(error)) {
    return "unknown";
  }
  return "fatal";
}

/** Failures that say nothing about the row itself: the service or the network was in trouble. */
function isTransient(error: PromptmillError): boolean {
  if (error instanceof ApiError) return error.retryable;
  return error.name === "ConnectionError" || error.name === "TimeoutError";
}
