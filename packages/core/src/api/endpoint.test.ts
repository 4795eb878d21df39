import { describe, expect, it } from "vitest";
import { ModelStudioClient } from "./client.js";
import { REGION_ENDPOINTS, resolveEndpoint } from "./endpoint.js";

describe("resolveEndpoint", () => {
  it("defaults to cn-beijing over HTTPS and maps each region", () => {
    expect(resolveEndpoint(undefined, undefined)).toBe("https://bailian.cn-beijing.aliyuncs.com");
    expect(resolveEndpoint(undefined, "ap-southeast-1")).toBe(
      `https://${REGION_ENDPOINTS["ap-southeast-1"]}`,
    );
  });

  it("takes an endpoint over a region: full URLs as given, bare hosts over HTTPS", () => {
    expect(resolveEndpoint("http://127.0.0.1:8080/", "ap-southeast-1")).toBe(
      "http://127.0.0.1:8080",
    );
    expect(resolveEndpoint("bailian.example.com:8443", undefined)).toBe(
      "https://bailian.example.com:8443",
    );
    expect(resolveEndpoint("HTTPS://Proxy.Example.com/base/", undefined)).toBe(
      "https://proxy.example.com/base",
    );
  });

  it("keeps an endpoint that is not a URL as written, for the request to report", () => {
    expect(resolveEndpoint("http://exa mple", undefined)).toBe("http://exa mple");
  });

  it("is what client.endpoint shows", () => {
    expect(new ModelStudioClient({ region: "ap-southeast-1" }).endpoint).toBe(
      "https://bailian.ap-southeast-1.aliyuncs.com",
    );
  });
});
