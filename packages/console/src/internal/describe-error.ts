import { ApiError, PromptmillError } from "@promptmill/core";

/** What a page says about a failed call to the service. */
export interface ErrorDescription {
  readonly title: string;
  readonly code: string | undefined;
  readonly message: string;
  readonly requestId: string | undefined;
  /** The HTTP status the console answers with. */
  readonly status: 400 | 404 | 409 | 502;
}

/**
 * Turns what the client threw into a message for the page: the service's code, message and
 * request id for an API error (what support asks for), the error's own message otherwise.
 * Client errors never carry a secret (core redacts them), so their messages can be shown.
 * Anything that is not a PromptmillError is a bug: it is rethrown for the 500 handler.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) {
    return {
      title: error.status === 404 ? "Not found" : "The service refused the request",
      code: error.code,
      message: error.serviceMessage,
      requestId: error.requestId,
      status: error.status === 404 ? 404 : error.status < 500 ? 400 : 502,
    };
  }
  if (PromptmillError.isInstance(error)) {
    return {
      title: "The service could not be reached",
      code: error.name,
      message: error.message,
      requestId: undefined,
      status: 502,
    };
  }
  throw error;
}
