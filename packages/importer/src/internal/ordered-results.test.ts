import { describe, expect, it } from "vitest";
import { OrderedResults } from "./ordered-results.js";

describe("OrderedResults", () => {
  it("hands results on in index order whatever order they finish in", () => {
    const out: string[] = [];
    const results = new OrderedResults<string>((item) => out.push(item));
    results.complete(2, "c");
    results.complete(1, "b");
    expect(out).toEqual([]);
    expect(results.waiting).toBe(2);
    results.complete(0, "a");
    expect(out).toEqual(["a", "b", "c"]);
    results.complete(4, "e");
    results.complete(3, "d");
    expect(out).toEqual(["a", "b", "c", "d", "e"]);
    expect(results.waiting).toBe(0);
  });

  it("resolves whenDrained once nothing is held back", async () => {
    const results = new OrderedResults<number>(() => {});
    results.complete(1, 1);
    let drained = false;
    const wait = results.whenDrained().then(() => {
      drained = true;
    });
    await Promise.resolve();
    expect(drained).toBe(false);
    results.complete(0, 0);
    await wait;
    expect(drained).toBe(true);
  });

  it("flushes what is held back in order when some rows never finish", () => {
    const out: number[] = [];
    const results = new OrderedResults<number>((item) => out.push(item));
    results.complete(0, 0);
    results.complete(5, 5);
    results.complete(3, 3);
    results.flushWaiting();
    expect(out).toEqual([0, 3, 5]);
    expect(results.waiting).toBe(0);
  });
});
