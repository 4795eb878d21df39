import type { KyInstance, Options as KyOptions } from "ky";
import type { z } from "zod";
import { PromptmillError } from "../errors/promptmill-error.js";
import { type BuiltRequest, buildRequest, type RequestInput } from "./build-request.js";
import type { Credentials, CredentialsInput } from "./credentials/credentials.js";
import { CredentialsError } from "./credentials/credentials-error.js";
import type { CredentialSupplier } from "./credentials/refreshing-credentials.js";
import {
  checkedCredentials,
  resolveCredentialSupplier,
} from "./credentials/resolve-credentials.js";
import { type Region, resolveEndpoint } from "./endpoint.js";
import { createNodeTransport, SIGNED_CALL, type SignedCall } from "./node-transport.js";
import type { OperationName } from "./operations.js";
import { readResponse } from "./read-response.js";
import {
  DEFAULT_RETRY_SETTINGS,
  type RetryEvent,
  type RetrySettings,
  withRetries,
} from "./retry-policy.js";
import {
  type CreatePromptTemplateRequest,
  type CreatePromptTemplateResponse,
  createPromptTemplateResponseSchema,
  type DeletePromptTemplateRequest,
  type DeletePromptTemplateResponse,
  deletePromptTemplateResponseSchema,
  type GetPromptTemplateRequest,
  type GetPromptTemplateResponse,
  getPromptTemplateResponseSchema,
  type ListPromptTemplatesRequest,
  type ListPromptTemplatesResponse,
  listPromptTemplatesResponseSchema,
  type UpdatePromptTemplateRequest,
  type UpdatePromptTemplateResponse,
  updatePromptTemplateResponseSchema,
} from "./schemas.js";
import { signWithCanonicalQuery } from "./signing/sign-headers.js";
import { type TransportContext, toTransportError } from "./transport-error.js";

/** Called for every request; cache and refresh (e.g. STS tokens) inside it as needed. */
export type CredentialsProvider = () => Promise<CredentialsInput>;

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  limit?: number;
  /** Cap of the exponential backoff (base 200 ms, full jitter). Default 10 000. */
  backoffLimitMs?: number;
  /** Cap of a wait asked for with `x-acs-retry-after`. Default 30 000. */
  maxRetryAfterMs?: number;
}

export interface ModelStudioClientOptions {
  /** `http://127.0.0.1:8080`, `https://…`, or a bare host (HTTPS). Wins over `region`. */
  endpoint?: string;
  /** Picks `bailian.<region>.aliyuncs.com`. Default `cn-beijing`. */
  region?: Region;
  /**
   * Default: the credential chain (environment AccessKey or OIDC role, aliyun CLI config,
   * credentials file); roles are assumed through STS and refreshed before they expire.
   */
  credentials?: CredentialsInput | CredentialsProvider;
  /** The profile the credential chain reads, when `credentials` is not given. */
  profile?: string;
  /** Where the chain asks STS for a role's credentials (default: see `resolveCredentials`). */
  stsEndpoint?: string;
  /** Per attempt, until the whole body has arrived. Default 30 000; `Infinity` for none. */
  timeoutMs?: number;
  /** `false` turns retries off. */
  retry?: RetryOptions | false;
  /** Called before each retry, before the wait. */
  onRetry?: (event: RetryEvent) => void;
  /** Appended to the client's own User-Agent. */
  userAgent?: string;
}

export interface RequestOptions {
  /** Aborting fails the call with AbortError at once, also during a retry's wait. */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const BASE_USER_AGENT = `promptmill-core node/${process.versions.node}`;

/** A write this client completed (see `ModelStudioClient.onChange`). */
export interface TemplateChangeEvent {
  operation: "CreatePromptTemplate" | "UpdatePromptTemplate" | "DeletePromptTemplate";
  workspaceId: string;
  promptTemplateId: string;
}

/**
 * A typed client of the five prompt-template operations of Model Studio. Every request is
 * signed with ACS3-HMAC-SHA256, every response validated; failures are PromptmillErrors
 * (ApiError and its subclasses, ConnectionError, TimeoutError, AbortError, …).
 */
export class ModelStudioClient {
  /** The base URL requests go to. */
  readonly endpoint: string;
  readonly #credentials: () => Promise<Credentials>;
  readonly #timeoutMs: number;
  readonly #retry: RetrySettings;
  readonly #onRetry: ((event: RetryEvent) => void) | undefined;
  /** See #kyInstance. */
  #http: Promise<KyInstance> | undefined;
  readonly #userAgent: string;
  readonly #changeListeners = new Set<(event: TemplateChangeEvent) => void>();

  constructor(options: ModelStudioClientOptions = {}) {
    this.endpoint = resolveEndpoint(options.endpoint, options.region);
    this.#credentials = credentialsSource(options);
    this.#timeoutMs = timeoutOption(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.#retry = retrySettings(options.retry);
    this.#onRetry = options.onRetry;
    this.#userAgent = options.userAgent
      ? `${BASE_USER_AGENT} ${options.userAgent}`
      : BASE_USER_AGENT;
  }

  /**
   * ky, loaded with the first request rather than with this module: at load ky builds a
   * Request with a stream body to probe the platform, which took ~30 ms of importing the built
   * core here (tests/installed's start-up bench), and an application that renders templates or
   * builds a client at start-up should not pay that before it sends anything. The request goes
   * out on node:http(s), signed by this client (see node-transport.ts for why not the global
   * fetch).
   */
  #kyInstance(): Promise<KyInstance> {
    this.#http ??= import("./ky-instance.js").then(({ createKyInstance }) =>
      createKyInstance(createNodeTransport()),
    );
    return this.#http;
  }

  async createPromptTemplate(
    input: CreatePromptTemplateRequest,
    options?: RequestOptions,
  ): Promise<CreatePromptTemplateResponse> {
    const response = await this.#call(
      "CreatePromptTemplate",
      input,
      createPromptTemplateResponseSchema,
      options,
    );
    this.#announce("CreatePromptTemplate", input.workspaceId, response.promptTemplateId);
    return response;
  }

  getPromptTemplate(
    input: GetPromptTemplateRequest,
    options?: RequestOptions,
  ): Promise<GetPromptTemplateResponse> {
    return this.#call("GetPromptTemplate", input, getPromptTemplateResponseSchema, options);
  }

  /** A partial update: only the fields given are changed. */
  async updatePromptTemplate(
    input: UpdatePromptTemplateRequest,
    options?: RequestOptions,
  ): Promise<UpdatePromptTemplateResponse> {
    const response = await this.#call(
      "UpdatePromptTemplate",
      input,
      updatePromptTemplateResponseSchema,
      options,
    );
    this.#announce("UpdatePromptTemplate", input.workspaceId, input.promptTemplateId);
    return response;
  }

  async deletePromptTemplate(
    input: DeletePromptTemplateRequest,
    options?: RequestOptions,
  ): Promise<DeletePromptTemplateResponse> {
    const response = await this.#call(
      "DeletePromptTemplate",
      input,
      deletePromptTemplateResponseSchema,
      options,
    );
    this.#announce("DeletePromptTemplate", input.workspaceId, input.promptTemplateId);
    return response;
  }

  /**
   * Calls `listener` after each write this client completed, so caches built on the client
   * (the prompt registry) can drop what this process itself changed. Returns an unsubscribe.
   */
  onChange(listener: (event: TemplateChangeEvent) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  #announce(operation: TemplateChangeEvent["operation"], workspaceId: string, id: string): void {
    for (const listener of this.#changeListeners) {
      // The write has already happened: a failing listener must not turn it into an error,
      // or a caller could send a Create again and make a duplicate.
      try {
        listener({ operation, workspaceId, promptTemplateId: id });
      } catch (error) {
        process.emitWarning(`A ModelStudioClient onChange listener threw: ${String(error)}`);
      }
    }
  }

  /** One page; see `paginatePromptTemplates` and `iteratePromptTemplates` for all of them. */
  listPromptTemplates(
    input: ListPromptTemplatesRequest,
    options?: RequestOptions,
  ): Promise<ListPromptTemplatesResponse> {
    return this.#call("ListPromptTemplates", input, listPromptTemplatesResponseSchema, options);
  }

  async #call<Name extends OperationName, Schema extends z.ZodType>(
    operation: Name,
    input: RequestInput<Name>,
    schema: Schema,
    options: RequestOptions = {},
  ): Promise<z.output<Schema>> {
    const signal = options.signal;
    const timeoutMs = timeoutOption(options.timeoutMs, this.#timeoutMs);
    const context = (
      requestStarted: boolean,
      earlierAttemptMayHaveActed: boolean,
      timedOut = false,
    ): TransportContext => ({
      endpoint: this.endpoint,
      requestStarted,
      earlierAttemptMayHaveActed,
      callerSignal: signal,
      timedOut,
      timeoutMs,
    });

    let request: BuiltRequest;
    try {
      request = buildRequest(this.endpoint, operation, input);
    } catch (error) {
      throw toTransportError(error, context(false, false));
    }
    const credentials = await this.#credentials();
    const http = await this.#kyInstance();

    return withRetries({
      operation,
      settings: this.#retry,
      signal,
      onRetry: this.#onRetry,
      abortedWhileWaiting: (acted) => toTransportError(signal?.reason, context(false, acted)),
      attempt: async (acted) => {
        if (signal?.aborted) throw toTransportError(signal.reason, context(false, acted));
        // Signed per attempt: each needs a fresh nonce and date. ky sends the URL as given
        // (no prefix, no search parameters), so the signature covers what goes out. The
        // transport ends the attempt on the caller's abort or the timeout, and covers reading
        // the body as well as waiting for the headers.
        const headers = signWithCanonicalQuery(
          { method: request.method, url: request.url, action: operation, credentials },
          request.canonicalQuery,
        );
        headers["user-agent"] = this.#userAgent;
        const call: SignedCall = {
          method: request.method,
          url: request.url,
          headers,
          signal,
          timeoutMs,
          timedOut: false,
        };
        try {
          const response = await http(request.url, {
            method: request.method,
            [SIGNED_CALL]: call,
          } as KyOptions);
          return await readResponse(operation, response, schema);
        } catch (error) {
          throw toTransportError(error, context(true, acted, call.timedOut));
        }
      },
    });
  }
}

function credentialsSource(options: ModelStudioClientOptions): () => Promise<Credentials> {
  const given = options.credentials;
  if (typeof given === "function") {
    return async () => {
      let result: CredentialsInput;
      try {
        result = await given();
      } catch (error) {
        if (PromptmillError.isInstance(error)) throw error;
        throw new CredentialsError("The credentials provider failed.", [], { cause: error });
      }
      return checkedCredentials(result, "provider");
    };
  }
  if (given !== undefined) return async () => checkedCredentials(given, "explicit");

  // The chain reads files: resolve it once, but not a failure, which the user may fix. What it
  // finds supplies credentials for each request (a role's, refreshed before they expire).
  let pending: Promise<CredentialSupplier> | undefined;
  return async () => {
    pending ??= resolveCredentialSupplier({
      profile: options.profile,
      stsEndpoint: options.stsEndpoint,
    }).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return (await pending)();
  };
}

function retrySettings(retry: RetryOptions | false | undefined): RetrySettings {
  if (retry === false) return { ...DEFAULT_RETRY_SETTINGS, limit: 0 };
  return {
    limit: Math.floor(nonNegative(retry?.limit, DEFAULT_RETRY_SETTINGS.limit)),
    backoffLimitMs: nonNegative(retry?.backoffLimitMs, DEFAULT_RETRY_SETTINGS.backoffLimitMs),
    maxRetryAfterMs: nonNegative(retry?.maxRetryAfterMs, DEFAULT_RETRY_SETTINGS.maxRetryAfterMs),
  };
}

/** A NaN would compare false with everything and turn a retry limit into none at all. */
function nonNegative(value: number | undefined, fallback: number): number {
  return value === undefined || Number.isNaN(value) ? fallback : Math.max(0, value);
}

function timeoutOption(timeoutMs: number | undefined, fallback: number): number {
  return timeoutMs !== undefined && timeoutMs > 0 ? timeoutMs : fallback;
}
