import {
  AbortError,
  ApiError,
  ConnectionError,
  CredentialsError,
  ResponseValidationError,
  TimeoutError,
} from "@promptmill/core";
import { describe, expect, it } from "vitest";
import { classifyWriteFailure } from "./classify-write-failure.js";

const api = (status: number, code: string) => ApiError.from({ status, code, message: "m" });
const refused = new ConnectionError({ message: "m", delivery: "not-sent", code: "ECONNREFUSED" });
const cut = new ConnectionError({ message: "m", delivery: "unknown", code: "UND_ERR_SOCKET" });
const badUrl = new ConnectionError({ message: "m", delivery: "not-sent", code: "ERR_INVALID_URL" });
const unreadable = (status: number) =>
  new ResponseValidationError({ operation: "CreatePromptTemplate", status, issues: [] });

describe("classifyWriteFailure", () => {
  it.each([
    ["throttling at 400", api(400, "Throttling.User"), "throttled", "throttled"],
    ["429", api(429, "HTTP.429"), "throttled", "throttled"],
    ["500", api(500, "PromptTemplate.InternalError"), "unknown", "retry"],
    ["503 from a proxy", api(503, "HTTP.503"), "unknown", "retry"],
    ["400 validation", api(400, "PromptTemplate.NameInvalid"), "rejected", "rejected"],
    ["413 too large", api(413, "RequestTooLarge"), "rejected", "rejected"],
    ["404 of the template", api(404, "PromptTemplate.TemplateNotFound"), "fatal", "rejected"],
    ["404 of the key", api(404, "InvalidAccessKeyId.NotFound"), "fatal", "fatal"],
    ["signature", api(400, "SignatureDoesNotMatch"), "fatal", "fatal"],
    ["403", api(403, "Forbidden.NoPermission"), "fatal", "fatal"],
    ["connection refused", refused, "retry", "retry"],
    ["connection cut after sending", cut, "unknown", "retry"],
    ["an invalid endpoint", badUrl, "fatal", "fatal"],
    ["timeout", new TimeoutError(1000), "unknown", "retry"],
    ["a 2xx we could not read", unreadable(200), "unknown", "retry"],
    ["a 3xx we could not read", unreadable(302), "fatal", "fatal"],
    ["the job stopped", new AbortError("unknown"), "aborted", "aborted"],
    ["no credentials", new CredentialsError("none", []), "fatal", "fatal"],
    ["a bug", new TypeError("x is undefined"), "fatal", "fatal"],
  ] as const)("%s: Create %s, Update %s", (_, error, create, update) => {
    expect(classifyWriteFailure(error, "CreatePromptTemplate")).toBe(create);
    expect(classifyWriteFailure(error, "UpdatePromptTemplate")).toBe(update);
  });
});
