/**
 * Puts results that finish out of order (rows run concurrently) back into row order: a
 * result is handed on once every row before it has finished. What waits here is bounded by
 * the reader, which stops reading while `waiting` is large.
 */
export class OrderedResults<T> {
  readonly #emit: (item: T) => void;
  readonly #waiting = new Map<number, T>();
  #next = 0;
  /** After `flushWaiting`, order is given up: late results go straight through. */
  #passThrough = false;
  #drained: Array<() => void> = [];

  constructor(emit: (item: T) => void) {
    this.#emit = emit;
  }

  /** Results held back because an earlier row has not finished. */
  get waiting(): number {
    return this.#waiting.size;
  }

  complete(index: number, item: T): void {
    if (this.#passThrough) {
      this.#emit(item);
      return;
    }
    if (index !== this.#next) {
      this.#waiting.set(index, item);
      return;
    }
    this.#emit(item);
    this.#next++;
    for (let held = this.#waiting.get(this.#next); held !== undefined; ) {
      this.#waiting.delete(this.#next);
      this.#emit(held);
      this.#next++;
      held = this.#waiting.get(this.#next);
    }
    if (this.#drained.length > 0 && this.#waiting.size === 0) {
      for (const resolve of this.#drained.splice(0)) resolve();
    }
  }

  /** Resolves once nothing is held back. */
  whenDrained(): Promise<void> {
    if (this.#waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** Hands on everything held back, in row order, skipping rows that never finished. */
  flushWaiting(): void {
    const indexes = [...this.#waiting.keys()].sort((a, b) => a - b);
    for (const index of indexes) this.#emit(this.#waiting.get(index) as T);
    this.#waiting.clear();
    this.#passThrough = true;
    for (const resolve of this.#drained.splice(0)) resolve();
  }
}
