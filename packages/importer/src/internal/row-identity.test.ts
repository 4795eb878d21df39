// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { describe, expect, it } from "vitest";
import { contentDigest } from "./content-digest.js";
import { rowDigest } from "./row-identity.js";

const row = { name: "welcome", content: "Hello ${user}", variables: "user" };

describe("rowDigest", () => {
  it("is the same for the same name, content and variables", () => {
    expect(rowDigest({ ...row })).toBe(rowDigest(row));
  });

  it("changes with any of the three", () => {
    const digests = new Set([
      rowDigest(row),
      rowDigest({ ...row, name: "welcome2" }),
      rowDigest({ ...row, content: "Hello ${user}!" }),
      rowDigest({ ...row, variables: "user;place" }),
      rowDigest({ ...row, variables: undefined }),
      rowDigest({ ...row, variables: "" }),
    ]);
    expect(digests.size).toBe(6);
  });

  it("cannot be forged by moving text between the fields", () => {
    expect(rowDigest({ name: "ab", content: "c", variables: undefined })).not.toBe(
      rowDigest({ name: "a", content: "bc", variables: undefined }),
    );
  });

  it("is the digest earlier versions wrote: their journals still match", () => {
    expect(contentDigest(row.content)).toBe("5PkDyaOKhBJG7VOoq8n8uu7bgWRfAesCtud8mQdz7RM=");
    expect(rowDigest(row)).toBe("c2JmtPZwIc-UwxbJQw42uuwyM0gtUf-i9W0XZHD1cSo");
    const unicode = { name: "问候", content: "你好 ${用户}😀", variables: undefined };
    expect(contentDigest(unicode.content)).toBe("cWzk5rxCj4pKrwM3QtWiCA8uYd1BJ316VM8fOnvCyY4=");
    expect(rowDigest(unicode)).toBe("BsxmtwX3lh8UZt9eyWwWS9CBkhqVa12Sia76fw160lo");
  });
});
