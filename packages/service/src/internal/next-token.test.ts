import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listScope, NextTokenCodec } from "./next-token.js";

describe("NextTokenCodec", () => {
  const codec = new NextTokenCodec(randomBytes(16));
  const scope = listScope("llm-aaaaaaaaaaaaaaaa", "", "");

  it("seals a sequence into 32 lowercase hex and opens it again", () => {
    for (const sequence of [0, 1, 42, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const token = codec.seal(sequence, scope);
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      expect(codec.open(token, scope)).toBe(sequence);
    }
  });

  it("gives different tokens for neighbouring sequences", () => {
    expect(codec.seal(1, scope)).not.toBe(codec.seal(2, scope));
  });

  it("refuses tokens of another scope, another key, edited or malformed", () => {
    const token = codec.seal(7, scope);
    expect(codec.open(token, listScope("llm-bbbbbbbbbbbbbbbb", "", ""))).toBeUndefined();
    expect(codec.open(token, listScope("llm-aaaaaaaaaaaaaaaa", "kw", ""))).toBeUndefined();
    expect(codec.open(token, listScope("llm-aaaaaaaaaaaaaaaa", "", "System"))).toBeUndefined();
    expect(new NextTokenCodec(randomBytes(16)).open(token, scope)).toBeUndefined();
    const edited = `${token[0] === "a" ? "b" : "a"}${token.slice(1)}`;
    expect(codec.open(edited, scope)).toBeUndefined();
    expect(codec.open(token.toUpperCase(), scope)).toBeUndefined();
    expect(codec.open(token.slice(1), scope)).toBeUndefined();
    expect(codec.open("", scope)).toBeUndefined();
  });

  it("keeps scope parts apart, so ('a b', '') and ('a', 'b') differ", () => {
    expect(listScope("w", "a\nb", "")).not.toBe(listScope("w", "a", "b"));
  });
});
