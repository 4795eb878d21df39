import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache.js";

describe("LruCache", () => {
  it("evicts the least recently used key when full", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    const evicted = cache.set("c", 3);
    expect(evicted).toEqual([["b", 2]]);
    expect(cache.has("b")).toBe(false);
    expect([...cache.entries()]).toEqual([
      ["c", 3],
      ["a", 1],
    ]);
  });

  it("peek does not protect a key from eviction", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.peek("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.has("a")).toBe(false);
    expect(cache.size).toBe(2);
  });

  it("overwriting a key refreshes it without evicting anything", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.set("a", 10)).toEqual([]);
    cache.set("c", 3);
    expect([...cache.entries()]).toEqual([
      ["c", 3],
      ["a", 10],
    ]);
  });

  it("delete and clear leave a usable cache", () => {
    const cache = new LruCache<string, number>(3);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.delete("a")).toBe(true);
    expect(cache.delete("a")).toBe(false);
    expect([...cache.entries()]).toEqual([["b", 2]]);
    cache.clear();
    expect(cache.size).toBe(0);
    cache.set("c", 3);
    expect([...cache.entries()]).toEqual([["c", 3]]);
  });

  it("rejects a size that cannot hold anything", () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
    expect(() => new LruCache(1.5)).toThrow(RangeError);
  });

  it("behaves like a reference LRU for any sequence of operations", () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant("get" as const), key: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant("peek" as const), key: fc.integer({ min: 0, max: 6 }) }),
      fc.record({
        kind: fc.constant("set" as const),
        key: fc.integer({ min: 0, max: 6 }),
        value: fc.integer(),
      }),
      fc.record({ kind: fc.constant("delete" as const), key: fc.integer({ min: 0, max: 6 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(operation), (maxEntries, operations) => {
        const cache = new LruCache<number, number>(maxEntries);
        // The reference keeps keys in recency order, oldest first, by re-inserting on use.
        const reference = new Map<number, number>();
        for (const op of operations) {
          if (op.kind === "get") {
            const expected = reference.get(op.key);
            if (expected !== undefined) {
              reference.delete(op.key);
              reference.set(op.key, expected);
            }
            expect(cache.get(op.key)).toBe(expected);
          } else if (op.kind === "peek") {
            expect(cache.peek(op.key)).toBe(reference.get(op.key));
          } else if (op.kind === "set") {
            reference.delete(op.key);
            reference.set(op.key, op.value);
            const expectedEvicted: Array<[number, number]> = [];
            while (reference.size > maxEntries) {
              const [oldestKey, oldestValue] = reference.entries().next().value as [number, number];
              reference.delete(oldestKey);
              expectedEvicted.push([oldestKey, oldestValue]);
            }
            expect(cache.set(op.key, op.value)).toEqual(expectedEvicted);
          } else {
            expect(cache.delete(op.key)).toBe(reference.delete(op.key));
          }
          expect([...cache.entries()]).toEqual([...reference.entries()].reverse());
        }
      }),
    );
  });
});
