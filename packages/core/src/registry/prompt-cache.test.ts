// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { afterEach, describe, expect, it, vi } from "vitest";
import { CompiledPrompt } from "./compiled-prompt.js";
import { PromptCache } from "./prompt-cache.js";

const prompt = new CompiledPrompt({ id: "1", name: "a", content: "A ${x}", type: "Custom" });

afterEach(() => {
  vi.useRealTimers();
});

describe("PromptCache", () => {
  it("expires entries by an injected clock, read on every check", () => {
    let clock = 0;
    const cache = new PromptCache<string>({ maxEntries: 10, ttlMs: 100, now: () => clock });
    const entry = cache.set("a", prompt, "service");
    clock = 99;
    expect(cache.isExpired(entry)).toBe(false);
    clock = 100;
    expect(cache.isExpired(entry)).toBe(true);
  });

  it("expires entries by timer with the real clock, without reading the clock on a check", () => {
    vi.useFakeTimers();
    const cache = new PromptCache<string>({ maxEntries: 10, ttlMs: 100, now: undefined });
    const entry = cache.set("a", prompt, "service");
    const dateNow = vi.spyOn(Date, "now");
    vi.advanceTimersByTime(99);
    expect(cache.isExpired(entry)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(cache.isExpired(entry)).toBe(true);
    expect(dateNow).not.toHaveBeenCalled();
  });

  it("checks TTLs longer than a timer can wait against the clock", () => {
    vi.useFakeTimers();
    const ttlMs = 30 * 24 * 3_600_000;
    const cache = new PromptCache<string>({ maxEntries: 10, ttlMs, now: undefined });
    const entry = cache.set("a", prompt, "service");
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(ttlMs - 1);
    expect(cache.isExpired(entry)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(cache.isExpired(entry)).toBe(true);
  });

  it("clears the timer of every entry it replaces, evicts, deletes or clears", () => {
    vi.useFakeTimers();
    const cache = new PromptCache<string>({ maxEntries: 2, ttlMs: 100, now: undefined });
    cache.set("a", prompt, "service");
    cache.set("a", prompt, "fallback");
    cache.set("b", prompt, "service");
    cache.set("c", prompt, "service");
    expect(vi.getTimerCount()).toBe(2);
    expect(cache.peek("a")).toBeUndefined();
    cache.delete("b");
    expect(vi.getTimerCount()).toBe(1);
    cache.deleteWhere(() => false);
    expect(vi.getTimerCount()).toBe(1);
    cache.clear();
    expect(vi.getTimerCount()).toBe(0);
    expect(cache.get("c")).toBeUndefined();
  });
});
