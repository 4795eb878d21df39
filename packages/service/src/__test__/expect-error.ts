import { ERROR_CODES, type KnownErrorCode } from "@promptmill/core";
import { expect } from "vitest";
import type { ApiResponse } from "./signed-request.js";
import { UPPERCASE_UUID } from "./test-service.js";

const PRODUCT_KEYS = ["code", "message", "requestId"];
const GATEWAY_KEYS = ["Code", "HostId", "Message", "Recommend", "RequestId"];

/**
 * The status comes from the shared table; the body's key case says who answered (the
 * product in camelCase, the gateway capitalised); the request id is in body and header.
 */
export function expectError(response: ApiResponse, code: KnownErrorCode): void {
  expect({ status: response.status, code: response.body.code ?? response.body.Code }).toEqual({
    status: ERROR_CODES[code].status,
    code,
  });
  const gateway = !code.startsWith("PromptTemplate.");
  expect(Object.keys(response.body).sort()).toEqual(gateway ? GATEWAY_KEYS : PRODUCT_KEYS);
  const requestId = gateway ? response.body.RequestId : response.body.requestId;
  expect(requestId).toMatch(UPPERCASE_UUID);
  expect(response.headers.get("x-acs-request-id")).toBe(requestId);
}
