import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Credentials } from "./credentials.js";

const secret = "s3cr3t-VALUE-never-shown";
const token = "sts-TOKEN-never-shown";

describe("Credentials", () => {
  const credentials = new Credentials({
    accessKeyId: "LTAI5tExample",
    accessKeySecret: secret,
    securityToken: token,
    source: "aliyun-cli-config",
    profile: "prod",
  });

  it("hands the secret and token only to whoever asks for them by name", () => {
    expect(credentials.accessKeySecret).toBe(secret);
    expect(credentials.securityToken).toBe(token);
  });

  it("shows the key id and **** in every printed form", () => {
    const forms = [
      String(credentials),
      `${credentials}`,
      JSON.stringify(credentials),
      JSON.stringify({ nested: [credentials] }),
      inspect(credentials),
      inspect({ credentials }, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify({ ...credentials }),
      Object.values(credentials).join(","),
    ];
    for (const form of forms) {
      expect(form).not.toContain(secret);
      expect(form).not.toContain(token);
    }
    expect(String(credentials)).toBe(
      "Credentials(accessKeyId=LTAI5tExample, accessKeySecret=****, securityToken=****, source=aliyun-cli-config, profile=prod)",
    );
    expect(JSON.parse(JSON.stringify(credentials))).toEqual({
      accessKeyId: "LTAI5tExample",
      accessKeySecret: "****",
      securityToken: "****",
      source: "aliyun-cli-config",
      profile: "prod",
    });
    expect(inspect(credentials)).toContain("LTAI5tExample");
  });

  it("has no security token when given an empty one", () => {
    const plain = new Credentials({
      accessKeyId: "id",
      accessKeySecret: "x",
      securityToken: "",
      source: "explicit",
    });
    expect(plain.securityToken).toBeUndefined();
    expect(JSON.parse(JSON.stringify(plain))).not.toHaveProperty("securityToken");
  });
});
