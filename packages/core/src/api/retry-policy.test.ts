import { describe, expect, it } from "vitest";
import { AbortError, ApiError, ConnectionError, TimeoutError } from "./errors.js";
import type { OperationName } from "./operations.js";
import { DEFAULT_RETRY_SETTINGS, retryDelayMs, shouldRetry } from "./retry-policy.js";

const api = (status: number, code: string, retryAfterMs?: number) =>
  ApiError.from({ status, code, message: "m", retryAfterMs });
const refused = new ConnectionError({ message: "m", delivery: "not-sent", code: "ECONNREFUSED" });
const cut = new ConnectionError({ message: "m", delivery: "unknown", code: "UND_ERR_SOCKET" });
const badUrl = new ConnectionError({ message: "m", delivery: "not-sent", code: "ERR_INVALID_URL" });

const IDEMPOTENT: OperationName[] = [
  "GetPromptTemplate",
  "ListPromptTemplates",
  "UpdatePromptTemplate",
  "DeletePromptTemplate",
];

describe("shouldRetry", () => {
  const cases = [
    ["throttling code at 400", api(400, "Throttling.User"), true, true],
    ["unknown throttling code", api(400, "Throttling.Whatever"), true, true],
    ["429 without a code", api(429, "HTTP.429"), true, true],
    ["500", api(500, "PromptTemplate.InternalError"), true, false],
    ["502 from a proxy", api(502, "HTTP.502"), true, false],
    ["503", api(503, "ServiceUnavailable"), true, false],
    ["400 validation", api(400, "PromptTemplate.NameInvalid"), false, false],
    ["404", api(404, "PromptTemplate.TemplateNotFound"), false, false],
    ["signature", api(400, "SignatureDoesNotMatch"), false, false],
    ["connection refused", refused, true, true],
    ["connection cut", cut, true, false],
    ["invalid URL", badUrl, false, false],
    ["timeout", new TimeoutError(10), true, false],
    ["abort", new AbortError("unknown"), false, false],
  ] as const;

  it.each(cases)("%s: idempotent %s, Create %s", (_name, error, idempotent, create) => {
    for (const operation of IDEMPOTENT) expect(shouldRetry(operation, error)).toBe(idempotent);
    expect(shouldRetry("CreatePromptTemplate", error)).toBe(create);
  });
});

describe("retryDelayMs", () => {
  const settings = { ...DEFAULT_RETRY_SETTINGS, backoffLimitMs: 1_000 };

  it("is full jitter over an exponential ceiling from 200 ms, capped", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(cut, retry, settings, top))).toEqual([
      199, 399, 799, 999, 999,
    ]);
    expect(retryDelayMs(cut, 3, settings, () => 0)).toBe(0);
    expect(retryDelayMs(cut, 2, settings, () => 0.5)).toBe(200);
  });

  it("takes the service's x-acs-retry-after without jitter, capped at maxRetryAfterMs", () => {
    expect(retryDelayMs(api(429, "Throttling", 1_234), 1, settings, () => 0)).toBe(1_234);
    expect(retryDelayMs(api(429, "Throttling", 90_000), 1, settings)).toBe(30_000);
  });
});
