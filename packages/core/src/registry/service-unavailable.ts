import { PromptmillError } from "../errors/promptmill-error.js";

/**
 * Whether an error means the service could not answer at all — no connection, no response in
 * time, or a 5xx — which is when a fallback may stand in. Everything else (not found, a bad
 * signature, throttling, a template that does not compile) is an answer and must reach the caller.
 *
 * Checked by `name` and `status` rather than `instanceof`, so that errors from a second copy of
 * @promptmill/core in the same process (another realm, a duplicated install) are still recognised.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (!PromptmillError.isInstance(error)) return false;
  if (error.name === "ConnectionError" || error.name === "TimeoutError") return true;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" && status >= 500;
}
