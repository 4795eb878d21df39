import { ERROR_CODES, type KnownErrorCode } from "@promptmill/core";

export const REQUEST_ID_HEADER = "x-acs-request-id";

/**
 * Product errors (`PromptTemplate.*`) come from the prompt-template service itself and use
 * camelCase keys; everything else is the API gateway's answer and, like the real gateway,
 * uses capitalised keys. The official SDK reads both.
 */
export function isGatewayCode(code: KnownErrorCode): boolean {
  return !code.startsWith("PromptTemplate.");
}

/** An error answer before it is a response: the code decides the status and the body's shape. */
export interface CodedError {
  code: KnownErrorCode;
  message: string;
}

export interface ErrorDetails {
  requestId: string;
  /** The Host the request was sent to; the gateway echoes it as HostId. */
  host: string;
  /** Replaces the table's message where a more precise one helps the caller. */
  message?: string | undefined;
}

export function errorBody(code: KnownErrorCode, details: ErrorDetails): Record<string, string> {
  const message = details.message ?? ERROR_CODES[code].message;
  if (!isGatewayCode(code)) return { code, message, requestId: details.requestId };
  return {
    RequestId: details.requestId,
    HostId: details.host,
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=bailian&requestId=${details.requestId}`,
  };
}

export function errorResponse(
  code: KnownErrorCode,
  details: ErrorDetails,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(errorBody(code, details)), {
    status: ERROR_CODES[code].status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      [REQUEST_ID_HEADER]: details.requestId,
      ...headers,
    },
  });
}
