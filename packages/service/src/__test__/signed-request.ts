import {
  API_VERSION,
  acsPercentEncode,
  computeSignature,
  createNonce,
  EMPTY_PAYLOAD_HASH,
  formatAcsDate,
  OPERATIONS,
  type OperationName,
  type SigningKey,
} from "@promptmill/core";

/**
 * Test helper: one signed request to the service, built like a V3 client builds it, with
 * hooks to break it on purpose. It is not a client; the contract tests use the real one.
 */
export interface SignedCall {
  operation: OperationName;
  workspaceId: string;
  promptTemplateId?: string;
  query?: Record<string, string>;
  key: SigningKey;
  date?: Date;
  nonce?: string;
  /** Edits the headers after signing (to make them wrong or leave some out). */
  afterSigning?: (headers: Record<string, string>) => void;
  /** Replaces the path as sent and signed. */
  rawPath?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export function buildSignedRequest(
  endpoint: string,
  call: SignedCall,
): { url: string; init: RequestInit } {
  const operation = OPERATIONS[call.operation];
  const rawPath =
    call.rawPath ??
    operation.path
      .replace("{workspaceId}", encodeURIComponent(call.workspaceId))
      .replace("{promptTemplateId}", encodeURIComponent(call.promptTemplateId ?? ""));
  const query = call.query ?? {};
  const queryString = Object.entries(query)
    .map(([name, value]) => `${acsPercentEncode(name)}=${acsPercentEncode(value)}`)
    .join("&");
  const headers: Record<string, string> = {
    host: new URL(endpoint).host,
    "x-acs-action": call.operation,
    "x-acs-version": API_VERSION,
    "x-acs-date": formatAcsDate(call.date ?? new Date()),
    "x-acs-signature-nonce": call.nonce ?? createNonce(),
    "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
    accept: "application/json",
  };
  const { authorization } = computeSignature(
    { method: operation.method, path: rawPath, query, headers, payloadHash: EMPTY_PAYLOAD_HASH },
    call.key,
  );
  headers.authorization = authorization;
  call.afterSigning?.(headers);
  const { host: _host, ...sent } = headers;
  return {
    url: `${endpoint}${rawPath}${queryString ? `?${queryString}` : ""}`,
    init: { method: operation.method, headers: sent },
  };
}

export async function callSigned(endpoint: string, call: SignedCall): Promise<ApiResponse> {
  const { url, init } = buildSignedRequest(endpoint, call);
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
