// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { describe, expect, it } from "vitest";
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
});
