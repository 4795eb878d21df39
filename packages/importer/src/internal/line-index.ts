const CR = 0x0d;
const LF = 0x0a;

/**
 * Maps byte offsets of a stream to 1-based physical line numbers, the way an editor counts
 * them: `\r\n`, `\n` and a lone `\r` each end a line. Chunks are added as they are read and
 * offsets are asked for in increasing order, so only the line starts not yet passed are kept.
 */
export class LineIndex {
  /** Offsets where a line starts (just after a line break), not yet passed by a query. */
  #lineStarts: number[] = [];
  #head = 0;
  #linesPassed = 0;
  #bytesSeen = 0;
  #endsWithCarriageReturn = false;

  get bytesSeen(): number {
    return this.#bytesSeen;
  }

  add(chunk: Uint8Array): void {
    const base = this.#bytesSeen;
    let start = 0;
    if (this.#endsWithCarriageReturn && chunk.length > 0 && chunk[0] === LF) {
      // The `\r` that ended the previous chunk and this `\n` are one line break.
      this.#lineStarts[this.#lineStarts.length - 1] = base + 1;
      start = 1;
    }
    for (let i = start; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === LF) {
        this.#lineStarts.push(base + i + 1);
      } else if (byte === CR) {
        if (chunk[i + 1] === LF) {
          this.#lineStarts.push(base + i + 2);
          i++;
        } else {
          this.#lineStarts.push(base + i + 1);
        }
      }
    }
    if (chunk.length > 0) this.#endsWithCarriageReturn = chunk[chunk.length - 1] === CR;
    this.#bytesSeen += chunk.length;
  }

  /** The line that the byte at `offset` belongs to. Offsets must not decrease between calls. */
  lineAt(offset: number): number {
    const starts = this.#lineStarts;
    while (this.#head < starts.length && (starts[this.#head] as number) <= offset) {
      this.#head++;
      this.#linesPassed++;
    }
    if (this.#head > 4096 && this.#head * 2 > starts.length) {
      this.#lineStarts = starts.slice(this.#head);
      this.#head = 0;
    }
    return this.#linesPassed + 1;
  }
}

/**
 * Where the line after the one starting at `from` begins in `bytes`, or -1 when `bytes`
 * holds no complete line break after `from` (a trailing `\r` might still pair with a `\n`
 * in the next chunk, so it only counts when `final`).
 */
export function nextLineStart(bytes: Uint8Array, from: number, final: boolean): number {
  for (let i = from; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === LF) return i + 1;
    if (byte === CR) {
      if (i + 1 < bytes.length) return bytes[i + 1] === LF ? i + 2 : i + 1;
      return final ? i + 1 : -1;
    }
  }
  return -1;
}
