/**
 * Remembers signature nonces for as long as their request could still be replayed: until
 * its x-acs-date leaves the accepted window. Bounded: past `maxSize` the oldest entries are
 * forgotten first, so a flood of requests cannot grow memory without limit.
 *
 * The nonces are looked up in a Map and kept in order in a queue beside it. Forgetting the
 * oldest by iterating the Map from its start would be simpler, but V8 leaves a hole in a Map
 * for every entry deleted and an iterator steps over each one, so once the cache is full and
 * forgets one nonce per request, every request walked tens of thousands of holes: measured, a
 * signed Create cost twice the CPU after its first 100,000 requests. The queue is only ever
 * read at its head.
 */
export class NonceCache {
  /** Each remembered nonce and its position in the queue. */
  readonly #positions = new Map<string, number>();
  /** The queue, oldest first: nonces and expiries at `position - #base`, from `#head` on. */
  #nonces: string[] = [];
  #expiries: number[] = [];
  #head = 0;
  /** The position of the first element of the arrays. */
  #base = 0;
  readonly #maxSize: number;

  constructor(maxSize: number) {
    this.#maxSize = maxSize;
  }

  get size(): number {
    return this.#positions.size;
  }

  /** Records the nonce; false when it was already recorded and has not expired. */
  remember(nonce: string, expiresAt: number, now: number): boolean {
    this.#prune(now);
    const known = this.#positions.get(nonce);
    if (known !== undefined) {
      if (this.#expiryAt(known) > now) return false;
      // Expired but not yet reached from the front: remembered again, it goes to the end, and
      // its old place in the queue no longer counts.
      this.#positions.delete(nonce);
    }
    while (this.#positions.size >= this.#maxSize && this.#head < this.#nonces.length) {
      this.#forgetHead();
    }
    this.#positions.set(nonce, this.#base + this.#nonces.length);
    this.#nonces.push(nonce);
    this.#expiries.push(expiresAt);
    return true;
  }

  /** Drops expired entries from the front; insertion order is close enough to expiry order. */
  #prune(now: number): void {
    while (this.#head < this.#nonces.length && (this.#expiries[this.#head] ?? 0) <= now) {
      this.#forgetHead();
    }
    // Drop the consumed front now and then; copying the rest costs about one move per entry.
    if (this.#head >= 1024 && this.#head * 2 >= this.#nonces.length) {
      this.#nonces = this.#nonces.slice(this.#head);
      this.#expiries = this.#expiries.slice(this.#head);
      this.#base += this.#head;
      this.#head = 0;
    }
  }

  #forgetHead(): void {
    const nonce = this.#nonces[this.#head] as string;
    // A nonce remembered again since has a later position: that one stays.
    if (this.#positions.get(nonce) === this.#base + this.#head) this.#positions.delete(nonce);
    this.#head++;
  }

  #expiryAt(position: number): number {
    return this.#expiries[position - this.#base] ?? 0;
  }
}
