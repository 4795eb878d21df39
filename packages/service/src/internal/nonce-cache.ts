/**
 * Remembers signature nonces for as long as their request could still be replayed: until
 * its x-acs-date leaves the accepted window. Bounded: past `maxSize` the oldest entries are
 * forgotten first, so a flood of requests cannot grow memory without limit.
 */
export class NonceCache {
  readonly #expiries = new Map<string, number>();
  readonly #maxSize: number;

  constructor(maxSize: number) {
    this.#maxSize = maxSize;
  }

  get size(): number {
    return this.#expiries.size;
  }

  /** Records the nonce; false when it was already recorded and has not expired. */
  remember(nonce: string, expiresAt: number, now: number): boolean {
    this.#prune(now);
    const known = this.#expiries.get(nonce);
    if (known !== undefined && known > now) return false;
    // Re-inserting moves it to the end, keeping the map roughly in expiry order.
    this.#expiries.delete(nonce);
    while (this.#expiries.size >= this.#maxSize) {
      const oldest = this.#expiries.keys().next();
      if (oldest.done) break;
      this.#expiries.delete(oldest.value);
    }
    this.#expiries.set(nonce, expiresAt);
    return true;
  }

  /** Drops expired entries from the front; insertion order is close enough to expiry order. */
  #prune(now: number): void {
    for (const [nonce, expiresAt] of this.#expiries) {
      if (expiresAt > now) break;
      this.#expiries.delete(nonce);
    }
  }
}
