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

  it("keeps a nonce remembered again after it expired, however its first entry is dropped", () => {
    const cache = new NonceCache(2);
    expect(cache.remember("a", 100, 0)).toBe(true);
    expect(cache.remember("b", 10_000, 50)).toBe(true);
    // "a" expired at 100: accepted again, now until 5,000, and no longer the oldest.
    expect(cache.remember("a", 5_000, 150)).toBe(true);
    expect(cache.size).toBe(2);
    expect(cache.remember("c", 10_000, 200)).toBe(true);
    // "b" was the oldest: forgotten for "c"; the renewed "a" is still refused.
    expect(cache.remember("a", 5_000, 250)).toBe(false);
    expect(cache.size).toBe(2);
    expect(cache.remember("c", 10_000, 300)).toBe(false);
  });

  it("stays bounded and exact over many times its size, forgetting in order", () => {
    const cache = new NonceCache(1_000);
    let accepted = 0;
    let replayed = 0;
    for (let i = 0; i < 50_000; i++) {
      if (cache.remember(`n${i}`, 1_000_000, i)) accepted++;
      if (i % 997 === 0 && cache.remember(`n${i}`, 1_000_000, i)) replayed++;
    }
    expect(accepted).toBe(50_000);
    expect(replayed).toBe(0);
    expect(cache.size).toBe(1_000);
    expect(cache.remember("n49000", 1_000_000, 50_000)).toBe(false);
    expect(cache.remember("n48999", 1_000_000, 50_000)).toBe(true);
    // Once every entry has expired, the next nonce finds the cache empty.
    expect(cache.remember("late", 3_000_000, 2_000_000)).toBe(true);
    expect(cache.size).toBe(1);
  });
});
