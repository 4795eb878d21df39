import { PromptmillError } from "../errors/promptmill-error.js";
import { classifyError, type ErrorKind } from "./error-codes.js";

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string | undefined;
  /** Milliseconds the service asked us to wait (`x-acs-retry-after`), when it said so. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/** The service answered with an error. `code` is the service's own, e.g. `PromptTemplate.NameInvalid`. */
export class ApiError extends PromptmillError {
  override readonly name: string = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly kind: ErrorKind;
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(`${init.code}: ${init.message}${init.requestId ? ` (request ${init.requestId})` : ""}`, {
      cause: init.cause,
    });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.kind = classifyError(init.code, init.status);
  }

  /** Whether the same request may succeed if sent again later (throttling, 5xx). */
  get retryable(): boolean {
    return this.kind === "throttling" || this.kind === "server";
  }

  /** The service's message, without the code and request id that `message` adds. */
  get serviceMessage(): string {
    const prefix = `${this.code}: `;
    const text = this.message.startsWith(prefix) ? this.message.slice(prefix.length) : this.message;
    return this.requestId ? text.replace(` (request ${this.requestId})`, "") : text;
  }

  /** Picks the subclass for a code and status: the one place responses become our errors. */
  static from(init: ApiErrorInit): ApiError {
    switch (classifyError(init.code, init.status)) {
      case "validation":
      case "too-large":
        return new ValidationError(init);
      case "not-found":
        return new NotFoundError(init);
      case "auth":
      case "forbidden":
        return new AuthError(init);
      case "throttling":
        return new ThrottlingError(init);
      case "server":
        return new ServerError(init);
    }
  }
}

/** 400-class: the request itself is wrong; sending it again will not help. */
export class ValidationError extends ApiError {
  override readonly name: string = "ValidationError";
}

export class NotFoundError extends ApiError {
  override readonly name: string = "NotFoundError";
}

/** Signature, AccessKey, clock or permission problems. */
export class AuthError extends ApiError {
  override readonly name: string = "AuthError";
}

export class ThrottlingError extends ApiError {
  override readonly name: string = "ThrottlingError";
}

export class ServerError extends ApiError {
  override readonly name: string = "ServerError";
}

/**
 * Whether a request that failed without a response may have reached the service.
 * `not-sent`: it certainly did not (DNS failure, connection refused);
 * `unknown`: it may have been processed (connection cut or timeout after sending).
 * Create is not idempotent, so an `unknown` Create must be reconciled before sending again.
 */
export type DeliveryState = "not-sent" | "unknown";

export interface TransportErrorInit {
  message: string;
  delivery: DeliveryState;
  /** The system or undici error code behind it, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`. */
  code?: string | undefined;
  cause?: unknown;
}

/** No response: the connection failed or was cut. */
export class ConnectionError extends PromptmillError {
  override readonly name: string = "ConnectionError";
  readonly delivery: DeliveryState;
  readonly code: string | undefined;
  constructor(init: TransportErrorInit) {
    super(init.message, { cause: init.cause });
    this.delivery = init.delivery;
    this.code = init.code;
  }
}

/** No response within the timeout. The request may have been processed. */
export class TimeoutError extends PromptmillError {
  override readonly name: string = "TimeoutError";
  readonly delivery: DeliveryState = "unknown";
  readonly timeoutMs: number;
  constructor(timeoutMs: number, cause?: unknown) {
    super(`No response within ${timeoutMs} ms`, { cause });
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class AbortError extends PromptmillError {
  override readonly name: string = "AbortError";
  readonly delivery: DeliveryState;
  constructor(delivery: DeliveryState, cause?: unknown) {
    super("The request was aborted", { cause });
    this.delivery = delivery;
  }
}
