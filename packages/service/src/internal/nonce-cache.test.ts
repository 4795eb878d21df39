import { describe, expect, it } from "vitest";
import { NonceCache } from "./nonce-cache.js";

describe("NonceCache", () => {
  it("refuses a nonce until it expires", () => {
    const cache = new NonceCache(10);
    expect(cache.remember("n", 1000, 0)).toBe(true);
    expect(cache.remember("n", 1000, 999)).toBe(false);
    expect(cache.remember("n", 3000, 1000)).toBe(true);
  });

  it("forgets expired nonces and never holds more than its bound", () => {
    const cache = new NonceCache(3);
    for (let i = 0; i < 3; i++) cache.remember(`old ${i}`, 100, 0);
    cache.remember("new", 500, 200);
    expect(cache.size).toBe(1);
    for (let i = 0; i < 10; i++) cache.remember(`flood ${i}`, 10_000, 300);
    expect(cache.size).toBe(3);
    // The oldest went first: the most recent three are still refused.
    expect(cache.remember("flood 9", 10_000, 300)).toBe(false);
    expect(cache.remember("flood 0", 10_000, 300)).toBe(true);
  });
});
