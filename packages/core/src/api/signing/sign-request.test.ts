import { describe, expect, it } from "vitest";
import {
  buildCanonicalRequest,
  EMPTY_PAYLOAD_HASH,
  hashCanonicalRequest,
} from "./canonical-request.js";
import { acsPercentEncode } from "./percent-encode.js";
import {
  computeSignature,
  createNonce,
  formatAcsDate,
  parseAuthorization,
  signaturesEqual,
} from "./sign-request.js";

describe("ACS3-HMAC-SHA256 official vectors", () => {
  it("reproduces the V3 signature document's RunInstances example", () => {
    const input = {
      method: "POST",
      path: "/",
      query: {
        ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
        RegionId: "cn-shanghai",
      },
      headers: {
        host: "ecs.cn-shanghai.aliyuncs.com",
        "x-acs-action": "RunInstances",
        "x-acs-version": "2014-05-26",
        "x-acs-date": "2023-10-26T10:22:32Z",
        "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
        "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
      },
      payloadHash: EMPTY_PAYLOAD_HASH,
    };
    const { canonicalRequest } = buildCanonicalRequest(input);
    expect(hashCanonicalRequest(canonicalRequest)).toBe(
      "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
    );
    const result = computeSignature(input, {
      accessKeyId: "YourAccessKeyId",
      accessKeySecret: "YourAccessKeySecret",
    });
    expect(result.signature).toBe(
      "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    );
    expect(result.signedHeaders.join(";")).toBe(
      "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
    );
  });

  it("reproduces the openapi-core unit-test vector (repeated header, empty value)", () => {
    const result = computeSignature(
      {
        method: "undefined",
        path: "",
        query: { test: "ok", empty: "" },
        headers: { "x-acs-TEST": "https", "x-acs-test": "http" },
        payloadHash: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
      },
      { accessKeyId: "acesskey", accessKeySecret: "secret" },
    );
    expect(result.authorization).toBe(
      "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=0f2d549523cf082c83bb8135b5863614f7fe16ca7c2c7fc537e74d67374eeeac",
    );
  });
});

describe("acsPercentEncode", () => {
  it("encodes the characters encodeURIComponent keeps, and keeps ~", () => {
    expect(acsPercentEncode("a b!'()*~")).toBe("a%20b%21%27%28%29%2A~");
    expect(acsPercentEncode("主题")).toBe("%E4%B8%BB%E9%A2%98");
  });
});

describe("parseAuthorization", () => {
  it("reads the three fields and rejects malformed headers", () => {
    expect(
      parseAuthorization(
        "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=ab",
      ),
    ).toEqual({
      algorithm: "ACS3-HMAC-SHA256",
      accessKeyId: "id",
      signedHeaders: ["host", "x-acs-date"],
      signature: "ab",
    });
    expect(parseAuthorization("ACS3-HMAC-SHA256 Credential=id")).toBeUndefined();
    expect(parseAuthorization("garbage")).toBeUndefined();
    expect(parseAuthorization(undefined)).toBeUndefined();
  });

  it("compares signatures by value", () => {
    expect(signaturesEqual("abc", "abc")).toBe(true);
    expect(signaturesEqual("abc", "abd")).toBe(false);
    expect(signaturesEqual("abc", "ab")).toBe(false);
  });
});

describe("nonces and dates", () => {
  it("gives every request a nonce of its own: 32 hex digits, none repeated across pool refills", () => {
    const nonces = Array.from({ length: 2_000 }, () => createNonce());
    expect(new Set(nonces).size).toBe(2_000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it("formats the date of each second, also when the second changes between calls", () => {
    expect(formatAcsDate(new Date("2023-10-26T10:22:32.123Z"))).toBe("2023-10-26T10:22:32Z");
    expect(formatAcsDate(new Date("2023-10-26T10:22:32.999Z"))).toBe("2023-10-26T10:22:32Z");
    expect(formatAcsDate(new Date("2023-10-26T10:22:33.000Z"))).toBe("2023-10-26T10:22:33Z");
    expect(formatAcsDate(new Date("2001-01-01T00:00:00.500Z"))).toBe("2001-01-01T00:00:00Z");
  });
});
