import { describe, expect, it } from "vitest";
import { AbortError, ApiError, ConnectionError, TimeoutError } from "../api/errors.js";
import { TemplateSyntaxError } from "../template/errors.js";
import { isServiceUnavailable } from "./service-unavailable.js";

function apiError(status: number, code: string): ApiError {
  return ApiError.from({ status, code, message: "m" });
}

describe("isServiceUnavailable (when a fallback may stand in)", () => {
  it("is true when the service could not answer: no connection, no response, a 5xx", () => {
    expect(
      isServiceUnavailable(new ConnectionError({ message: "refused", delivery: "not-sent" })),
    ).toBe(true);
    expect(
      isServiceUnavailable(new ConnectionError({ message: "reset", delivery: "unknown" })),
    ).toBe(true);
    expect(isServiceUnavailable(new TimeoutError(1000))).toBe(true);
    expect(isServiceUnavailable(apiError(500, "PromptTemplate.InternalError"))).toBe(true);
    expect(isServiceUnavailable(apiError(503, "ServiceUnavailable"))).toBe(true);
    expect(isServiceUnavailable(apiError(502, "HTTP.502"))).toBe(true);
  });

  it("is false for answers and for errors that are not the service's", () => {
    expect(isServiceUnavailable(apiError(404, "PromptTemplate.TemplateNotFound"))).toBe(false);
    expect(isServiceUnavailable(apiError(429, "Throttling.User"))).toBe(false);
    expect(isServiceUnavailable(apiError(400, "SignatureDoesNotMatch"))).toBe(false);
    expect(isServiceUnavailable(apiError(403, "Forbidden.NoPermission"))).toBe(false);
    expect(isServiceUnavailable(new AbortError("not-sent"))).toBe(false);
    expect(isServiceUnavailable(new TemplateSyntaxError([]))).toBe(false);
    expect(isServiceUnavailable(new Error("ECONNREFUSED"))).toBe(false);
    expect(isServiceUnavailable({ status: 503 })).toBe(false);
    expect(isServiceUnavailable(undefined)).toBe(false);
  });

  it("recognises errors from another copy of the package by their marker, name and status", () => {
    const marker = Symbol.for("promptmill.error");
    const foreignConnection = Object.assign(new Error("refused"), {
      name: "ConnectionError",
      [marker]: true,
    });
    const foreignServer = Object.assign(new Error("down"), {
      name: "ServerError",
      status: 503,
      [marker]: true,
    });
    expect(isServiceUnavailable(foreignConnection)).toBe(true);
    expect(isServiceUnavailable(foreignServer)).toBe(true);
  });
});
