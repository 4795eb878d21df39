interface LruNode<K, V> {
  readonly key: K;
  value: V;
  newer: LruNode<K, V> | undefined;
  older: LruNode<K, V> | undefined;
}

/**
 * A bounded map that forgets the least recently used key first. A doubly linked list beside the
 * Map keeps every operation O(1) without re-inserting into the Map on each read: the registry
 * reads on every render, so a hit must cost one hash lookup and, at most, a few pointer writes.
 */
export class LruCache<K, V> {
  readonly #maxEntries: number;
  readonly #nodes = new Map<K, LruNode<K, V>>();
  #newest: LruNode<K, V> | undefined;
  #oldest: LruNode<K, V> | undefined;

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#nodes.size;
  }

  /** Reads a value and marks it as the most recently used. */
  get(key: K): V | undefined {
    const node = this.#nodes.get(key);
    if (node === undefined) return undefined;
    if (node !== this.#newest) {
      this.#unlink(node);
      this.#pushNewest(node);
    }
    return node.value;
  }

  /** Reads a value without changing its place in the eviction order. */
  peek(key: K): V | undefined {
    return this.#nodes.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#nodes.has(key);
  }

  /** Stores a value as the most recently used; returns the entries evicted to make room. */
  set(key: K, value: V): Array<[K, V]> {
    const existing = this.#nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      if (existing !== this.#newest) {
        this.#unlink(existing);
        this.#pushNewest(existing);
      }
      return [];
    }
    const node: LruNode<K, V> = { key, value, newer: undefined, older: undefined };
    this.#nodes.set(key, node);
    this.#pushNewest(node);
    const evicted: Array<[K, V]> = [];
    while (this.#nodes.size > this.#maxEntries && this.#oldest !== undefined) {
      const oldest = this.#oldest;
      this.#unlink(oldest);
      this.#nodes.delete(oldest.key);
      evicted.push([oldest.key, oldest.value]);
    }
    return evicted;
  }

  delete(key: K): boolean {
    const node = this.#nodes.get(key);
    if (node === undefined) return false;
    this.#unlink(node);
    this.#nodes.delete(key);
    return true;
  }

  clear(): void {
    this.#nodes.clear();
    this.#newest = undefined;
    this.#oldest = undefined;
  }

  /** Entries from the most to the least recently used. */
  *entries(): IterableIterator<[K, V]> {
    for (let node = this.#newest; node !== undefined; node = node.older) {
      yield [node.key, node.value];
    }
  }

  #unlink(node: LruNode<K, V>): void {
    if (node.newer === undefined) this.#newest = node.older;
    else node.newer.older = node.older;
    if (node.older === undefined) this.#oldest = node.newer;
    else node.older.newer = node.newer;
    node.newer = undefined;
    node.older = undefined;
  }

  #pushNewest(node: LruNode<K, V>): void {
    node.older = this.#newest;
    node.newer = undefined;
    if (this.#newest !== undefined) this.#newest.newer = node;
    this.#newest = node;
    if (this.#oldest === undefined) this.#oldest = node;
  }
}
