/**
 * The one table of error codes and their HTTP statuses. The client reads it to classify
 * errors, the local service reads it to answer with them, so the two cannot drift.
 *
 * Codes from Alibaba Cloud's docs keep their names. Where the docs are silent (the gateway
 * statuses, and the codes marked `ours`), the choice is ours and documented in
 * docs/api-decisions.md; `ours: true` marks a code the real service is not known to send.
 */
export type ErrorKind =
  | "validation"
  | "not-found"
  | "auth"
  | "forbidden"
  | "throttling"
  | "server"
  | "too-large";

export interface ErrorCodeInfo {
  readonly status: number;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly ours?: true;
}

export const ERROR_CODES = {
  "PromptTemplate.ContentInvalid": {
    status: 400,
    kind: "validation",
    message: "The content of the prompt template is invalid.",
  },
  "PromptTemplate.NameInvalid": {
    status: 400,
    kind: "validation",
    message: "The name of the prompt template is invalid.",
  },
  "PromptTemplate.MaxResultsInvalid": {
    status: 400,
    kind: "validation",
    message: "The maxResults parameter is invalid.",
  },
  "PromptTemplate.NextTokenInvalid": {
    status: 400,
    kind: "validation",
    message: "The nextToken parameter is invalid.",
  },
  "PromptTemplate.TypeInvalid": {
    status: 400,
    kind: "validation",
    message: "The type parameter is invalid.",
  },
  "PromptTemplate.NameDuplicated": {
    status: 400,
    kind: "validation",
    message: "A prompt template with this name already exists in the workspace.",
    ours: true,
  },
  "PromptTemplate.TemplateNotFound": {
    status: 404,
    kind: "not-found",
    message: "The prompt template does not exist.",
  },
  "PromptTemplate.OperationDenied": {
    status: 403,
    kind: "forbidden",
    message: "System prompt templates cannot be changed or deleted.",
    ours: true,
  },
  "PromptTemplate.InternalError": {
    status: 500,
    kind: "server",
    message: "An internal error occurred.",
  },
  InvalidParameter: {
    status: 400,
    kind: "validation",
    message: "A parameter is not one this operation accepts, or its encoding is invalid.",
    ours: true,
  },
  IncompleteSignature: {
    status: 400,
    kind: "auth",
    message: "The request signature does not conform to Alibaba Cloud standards.",
  },
  SignatureDoesNotMatch: {
    status: 400,
    kind: "auth",
    message: "The request signature does not match the signature the server calculated.",
  },
  "InvalidTimeStamp.Format": {
    status: 400,
    kind: "auth",
    message: "The x-acs-date header is not a UTC time of the form YYYY-MM-DDTHH:mm:ssZ.",
  },
  "InvalidTimeStamp.Expired": {
    status: 400,
    kind: "auth",
    message: "The x-acs-date header is more than 15 minutes away from the server's clock.",
  },
  InvalidVersion: {
    status: 400,
    kind: "validation",
    message: "The x-acs-version header is not a version of this API.",
    ours: true,
  },
  "InvalidAction.Mismatch": {
    status: 400,
    kind: "validation",
    message: "The x-acs-action header does not name the operation the method and path select.",
    ours: true,
  },
  SignatureNonceUsed: {
    status: 400,
    kind: "auth",
    message: "The x-acs-signature-nonce has been used before.",
  },
  "InvalidAccessKeyId.NotFound": {
    status: 404,
    kind: "auth",
    message: "The AccessKey ID does not exist.",
  },
  "Forbidden.NoPermission": {
    status: 403,
    kind: "forbidden",
    message: "The AccessKey is not allowed to access this workspace.",
    ours: true,
  },
  Throttling: {
    status: 429,
    kind: "throttling",
    message: "Request was denied due to request throttling.",
  },
  "Throttling.User": {
    status: 429,
    kind: "throttling",
    message: "Request was denied due to user flow control.",
  },
  "Throttling.Api": {
    status: 429,
    kind: "throttling",
    message: "Request was denied due to api flow control.",
  },
  "InvalidApi.NotFound": {
    status: 404,
    kind: "not-found",
    message: "The specified API does not exist.",
    ours: true,
  },
  RequestTooLarge: {
    status: 413,
    kind: "too-large",
    message: "The request is larger than the service accepts.",
    ours: true,
  },
  ServiceUnavailable: {
    status: 503,
    kind: "server",
    message: "The service is temporarily unavailable.",
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type KnownErrorCode = keyof typeof ERROR_CODES;

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * How to read an error the table does not list: any code that contains `Throttling` is
 * throttling (the official SDK's own rule), the rest by HTTP status.
 */
export function classifyError(code: string | undefined, status: number): ErrorKind {
  if (code !== undefined && isKnownErrorCode(code)) return ERROR_CODES[code].kind;
  if (code?.includes("Throttling") || status === 429) return "throttling";
  if (status >= 500) return "server";
  if (status === 404) return "not-found";
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 413 || status === 414 || status === 431) return "too-large";
  return "validation";
}
