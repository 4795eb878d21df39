import type { CompiledPrompt } from "./compiled-prompt.js";
import { LruCache } from "./lru-cache.js";

export interface CacheEntry {
  readonly prompt: CompiledPrompt;
  readonly origin: "service" | "fallback";
  readonly expiresAt: number;
  /** Set by the entry's timer when the TTL has passed (real clock only). */
  stale: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The background refresh under way, if any: at most one per entry. */
  revalidation: Promise<void> | undefined;
}

export interface PromptCacheOptions {
  maxEntries: number;
  ttlMs: number;
  /** An injected clock, read on every check; without one, timers mark entries stale. */
  now: (() => number) | undefined;
}

/** setTimeout fires at once for delays above this, so longer TTLs are checked against the clock. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * The registry's LRU of compiled prompts with their TTL. Reading `Date.now()` costs about as much
 * as rendering a short prompt, so with the real clock an unref'd timer per entry flips `stale`
 * when the TTL ends and a cache hit reads a boolean instead. An injected clock (tests, simulated
 * time) is read on every check, since no timer follows it.
 */
export class PromptCache<K> {
  readonly #entries: LruCache<K, CacheEntry>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #pollClock: boolean;
  readonly #useTimers: boolean;

  constructor(options: PromptCacheOptions) {
    this.#entries = new LruCache(options.maxEntries);
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
    const finite = Number.isFinite(options.ttlMs);
    this.#pollClock = finite && (options.now !== undefined || options.ttlMs > MAX_TIMER_DELAY_MS);
    this.#useTimers = finite && !this.#pollClock && options.ttlMs > 0;
  }

  /** Reads an entry and marks it as the most recently used. */
  get(key: K): CacheEntry | undefined {
    return this.#entries.get(key);
  }

  peek(key: K): CacheEntry | undefined {
    return this.#entries.peek(key);
  }

  isExpired(entry: CacheEntry): boolean {
    return entry.stale || (this.#pollClock && this.#now() >= entry.expiresAt);
  }

  set(key: K, prompt: CompiledPrompt, origin: CacheEntry["origin"]): CacheEntry {
    const entry: CacheEntry = {
      prompt,
      origin,
      expiresAt: this.#now() + this.#ttlMs,
      stale: this.#ttlMs <= 0,
      timer: undefined,
      revalidation: undefined,
    };
    if (this.#useTimers) {
      entry.timer = setTimeout(() => {
        entry.stale = true;
      }, this.#ttlMs);
      // The cache must never keep a process alive that has nothing else to do.
      entry.timer.unref?.();
    }
    const replaced = this.#entries.peek(key);
    if (replaced !== undefined) clearTimeout(replaced.timer);
    for (const [, evicted] of this.#entries.set(key, entry)) clearTimeout(evicted.timer);
    return entry;
  }

  delete(key: K): void {
    const entry = this.#entries.peek(key);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.#entries.delete(key);
  }

  deleteWhere(predicate: (entry: CacheEntry) => boolean): void {
    for (const [key, entry] of [...this.#entries.entries()]) {
      if (predicate(entry)) this.delete(key);
    }
  }

  clear(): void {
    for (const [, entry] of this.#entries.entries()) clearTimeout(entry.timer);
    this.#entries.clear();
  }
}
