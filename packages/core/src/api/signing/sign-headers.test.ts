import { describe, expect, it } from "vitest";
import { API_VERSION } from "../operations.js";
import { EMPTY_PAYLOAD_HASH } from "./canonical-request.js";
import { createSignedHeaders } from "./sign-headers.js";
import { computeSignature, parseAuthorization } from "./sign-request.js";

const key = { accessKeyId: "LTAI-test-id", accessKeySecret: "test-secret" };
const date = new Date("2025-03-04T05:06:07.890Z");
const nonce = "0123456789abcdef0123456789abcdef";

describe("createSignedHeaders", () => {
  it("sends the headers the SDK sends, and signs host and the x-acs-* headers", () => {
    const headers = createSignedHeaders({
      method: "get",
      url: new URL("http://127.0.0.1:8080/llm-abc/promptTemplates?maxResults=10"),
      action: "ListPromptTemplates",
      credentials: key,
      date,
      nonce,
    });
    expect(headers).toMatchObject({
      host: "127.0.0.1:8080",
      "x-acs-action": "ListPromptTemplates",
      "x-acs-version": API_VERSION,
      "x-acs-date": "2025-03-04T05:06:07Z",
      "x-acs-signature-nonce": nonce,
      "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
      accept: "application/json",
    });
    expect(headers).not.toHaveProperty("x-acs-security-token");
    expect(parseAuthorization(headers.authorization)).toEqual({
      algorithm: "ACS3-HMAC-SHA256",
      accessKeyId: key.accessKeyId,
      signedHeaders: [
        "host",
        "x-acs-action",
        "x-acs-content-sha256",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-version",
      ],
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("adds and signs x-acs-security-token for STS credentials", () => {
    const headers = createSignedHeaders({
      method: "DELETE",
      url: new URL("https://bailian.cn-beijing.aliyuncs.com/ws/promptTemplates/t1"),
      action: "DeletePromptTemplate",
      credentials: { ...key, securityToken: "sts-token" },
      date,
      nonce,
    });
    expect(headers["x-acs-security-token"]).toBe("sts-token");
    expect(headers.host).toBe("bailian.cn-beijing.aliyuncs.com");
    expect(parseAuthorization(headers.authorization)?.signedHeaders).toContain(
      "x-acs-security-token",
    );
  });

  it("signs the decoded query, so every spelling of the same values signs alike", () => {
    const sign = (url: string) =>
      createSignedHeaders({
        method: "POST",
        url: new URL(url),
        action: "A",
        credentials: key,
        date,
        nonce,
      }).authorization;
    const canonical = sign("http://h/ws/promptTemplates?name=a%20b%2A&content=%24%7Bx%7D");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${x}` in a URL, as sent.
    expect(sign("http://h/ws/promptTemplates?content=${x}&name=a+b*")).toBe(canonical);
    expect(sign("http://h/ws/promptTemplates?name=a%20b*&content=%24{x}")).toBe(canonical);
    expect(sign("http://h/ws/promptTemplates?name=a%2Bb&content=%24%7Bx%7D")).not.toBe(canonical);
  });

  it("matches a signature recomputed the way a server does", () => {
    const url = new URL(
      "http://127.0.0.1:9/w%20s/promptTemplates?name=%E4%B8%BB%E9%A2%98&content=",
    );
    const headers = createSignedHeaders({ method: "POST", url, action: "A", credentials: key });
    const parsed = parseAuthorization(headers.authorization);
    const recomputed = computeSignature(
      {
        method: "POST",
        path: "/w%20s/promptTemplates",
        query: { name: "主题", content: "" },
        headers,
        payloadHash: EMPTY_PAYLOAD_HASH,
        signedHeaders: parsed?.signedHeaders ?? [],
      },
      key,
    );
    expect(recomputed.authorization).toBe(headers.authorization);
  });

  it("writes out the same canonical request buildCanonicalRequest collects and sorts", () => {
    // STS token, a path with `*`, `+` and `%7E`, upper- and lower-case methods.
    for (const [method, path, securityToken] of [
      ["post", "/w*s/promptTemplates/a+b%7E", "sts token "],
      ["GET", "/ws/promptTemplates", undefined],
    ] as const) {
      const credentials = { ...key, securityToken };
      const url = new URL(`https://bailian.cn-beijing.aliyuncs.com${path}?b=2&a=%2A`);
      const headers = createSignedHeaders({ method, url, action: "A", credentials, date, nonce });
      const recomputed = computeSignature(
        {
          method: method.toUpperCase(),
          path: url.pathname,
          query: { a: "*", b: "2" },
          headers,
          payloadHash: EMPTY_PAYLOAD_HASH,
        },
        credentials,
      );
      expect(headers.authorization).toBe(recomputed.authorization);
    }
  });

  it("uses a fresh nonce and the current date when none is given", () => {
    const url = new URL("http://h/ws/promptTemplates");
    const first = createSignedHeaders({ method: "GET", url, action: "A", credentials: key });
    const second = createSignedHeaders({ method: "GET", url, action: "A", credentials: key });
    expect(first["x-acs-signature-nonce"]).toMatch(/^[0-9a-f]{32}$/);
    expect(first["x-acs-signature-nonce"]).not.toBe(second["x-acs-signature-nonce"]);
    expect(first["x-acs-date"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
