import { type CsvError, Parser } from "csv-parse";
import { LineIndex, nextLineStart } from "./line-index.js";

/** One record as csv-parse split it: raw field bytes, not yet decoded. */
export interface RawCsvRecord {
  readonly kind: "record";
  readonly fields: readonly Buffer[];
  /** Physical line (1-based) where the record starts. */
  readonly line: number;
}

/** A stretch of input csv-parse could not split into a record. */
export interface CsvStructureError {
  readonly kind: "error";
  readonly code: CsvStructureErrorCode;
  readonly message: string;
  readonly line: number;
}

export type CsvStructureErrorCode = "quotes" | "field-too-large";

export interface CsvRecordOptions {
  /** Largest field in bytes; a bigger one is an error (it bounds memory on a runaway quote). */
  readonly maxFieldBytes: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Splits a byte stream into CSV records with csv-parse, keeping the physical line where each
 * record starts. csv-parse stops at the first structural error (a stray or unclosed quote, a
 * runaway field); a skipped record would also swallow the lines after it. So on an error this
 * reports the record at its first line and starts a fresh parser at the next physical line:
 * the rest of the file still goes through, and no line disappears silently.
 *
 * Fields stay bytes (`encoding: null`) so that invalid UTF-8 can be reported per row instead
 * of turning into U+FFFD; the BOM is removed here for the same reason (csv-parse would switch
 * to decoding when it meets one).
 */
export async function* readCsvRecords(
  source: AsyncIterable<Uint8Array>,
  options: CsvRecordOptions,
): AsyncGenerator<RawCsvRecord | CsvStructureError> {
  const reader = new ResyncingReader(options);
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of source) {
    let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (head !== undefined) {
      head = Buffer.concat([head, bytes]);
      if (head.length < UTF8_BOM.length) continue;
      bytes = head;
      head = undefined;
      reader.lineIndex.add(bytes);
      const hasBom = UTF8_BOM.every((byte, i) => bytes[i] === byte);
      if (hasBom) bytes = bytes.subarray(UTF8_BOM.length);
      yield* reader.accept(bytes, hasBom ? UTF8_BOM.length : 0);
      continue;
    }
    reader.lineIndex.add(bytes);
    yield* reader.accept(bytes, reader.lineIndex.bytesSeen - bytes.length);
  }
  if (head !== undefined && head.length > 0) {
    reader.lineIndex.add(head);
    yield* reader.accept(head, 0);
  }
  yield* reader.end();
}

interface ParsedRecord {
  record: Buffer[];
  info: { bytes: number };
}

class ResyncingReader {
  readonly lineIndex = new LineIndex();
  readonly #options: CsvRecordOptions;
  #parser: Parser | undefined;
  /** Absolute offset where the current parser's input starts. */
  #parserBase = 0;
  /** Absolute offset just after the last record: where the next record (or error) starts. */
  #lastEnd = 0;
  /** Bytes given to the current parser from `#lastEnd` on: what a resync starts over from. */
  #retained: Buffer[] = [];
  #retainedStart = 0;
  /** After an error whose line break was not read yet: drop bytes up to the next one. */
  #skippingToLineEnd = false;
  #skipPendingCarriageReturn = false;

  constructor(options: CsvRecordOptions) {
    this.#options = options;
  }

  *accept(chunk: Buffer, offset: number): Generator<RawCsvRecord | CsvStructureError> {
    let bytes = chunk;
    let start = offset;
    if (this.#parser === undefined && !this.#skippingToLineEnd) this.#startParser(start);
    if (this.#skippingToLineEnd) {
      let restart: number;
      if (this.#skipPendingCarriageReturn && bytes.length > 0) {
        restart = bytes[0] === 0x0a ? 1 : 0;
      } else {
        restart = nextLineStart(bytes, 0, false);
      }
      this.#skipPendingCarriageReturn = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d;
      if (restart === -1) return;
      this.#skippingToLineEnd = false;
      this.#skipPendingCarriageReturn = false;
      bytes = bytes.subarray(restart);
      start += restart;
      this.#startParser(start);
    }
    this.#retained.push(bytes);
    yield* this.#write(bytes);
  }

  async *end(): AsyncGenerator<RawCsvRecord | CsvStructureError> {
    while (this.#parser !== undefined) {
      const parser = this.#parser;
      const settled = new Promise<void>((resolve) => {
        parser.once("finish", resolve);
        parser.once("error", () => resolve());
        parser.once("close", resolve);
      });
      parser.end();
      await settled;
      yield* this.#drain(parser);
      if (parser.errored === null) return;
      const rest = yield* this.#reportError(parser.errored, true);
      if (rest === undefined) return;
      this.#startParser(rest.offset);
      this.#retained = [rest.bytes];
      yield* this.#write(rest.bytes);
    }
  }

  *#write(bytes: Buffer): Generator<RawCsvRecord | CsvStructureError> {
    let pending: Buffer | undefined = bytes;
    while (pending !== undefined && this.#parser !== undefined) {
      const parser = this.#parser;
      parser.write(pending);
      pending = undefined;
      yield* this.#drain(parser);
      if (parser.errored === null) return;
      const rest = yield* this.#reportError(parser.errored, false);
      if (rest === undefined) return;
      this.#startParser(rest.offset);
      this.#retained = [rest.bytes];
      pending = rest.bytes;
    }
  }

  *#drain(parser: Parser): Generator<RawCsvRecord> {
    for (;;) {
      const parsed = parser.read() as ParsedRecord | null;
      if (parsed === null) return;
      const start = this.#lastEnd;
      const end = this.#parserBase + parsed.info.bytes;
      this.#lastEnd = end;
      this.#dropRetainedBefore(end);
      yield { kind: "record", fields: parsed.record, line: this.lineIndex.lineAt(start) };
    }
  }

  /**
   * Reports the broken record and finds where to start again: the line after the one the
   * record started on. Returns the bytes from there, or undefined when they are not read yet
   * (then the next chunks are skipped up to a line break) or the input has ended.
   */
  *#reportError(
    error: Error,
    final: boolean,
  ): Generator<CsvStructureError, { offset: number; bytes: Buffer } | undefined> {
    const start = this.#lastEnd;
    yield { kind: "error", ...describeCsvError(error), line: this.lineIndex.lineAt(start) };
    const bytes = Buffer.concat(this.#retained).subarray(start - this.#retainedStart);
    this.#parser = undefined;
    this.#retained = [];
    const restart = nextLineStart(bytes, 0, final);
    if (restart === -1) {
      if (!final) {
        this.#skippingToLineEnd = true;
        this.#skipPendingCarriageReturn = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d;
      }
      return undefined;
    }
    return { offset: start + restart, bytes: bytes.subarray(restart) };
  }

  #startParser(offset: number): void {
    const parser = new Parser({
      encoding: null,
      bom: false,
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ["\r\n", "\n", "\r"],
      max_record_size: this.#options.maxFieldBytes,
    });
    // Errors are read from `parser.errored` right after each write; the event is not needed.
    parser.on("error", () => {});
    this.#parser = parser;
    this.#parserBase = offset;
    this.#lastEnd = offset;
    this.#retainedStart = offset;
    this.#retained = [];
  }

  #dropRetainedBefore(offset: number): void {
    let dropped = offset - this.#retainedStart;
    while (dropped > 0 && this.#retained.length > 0) {
      const first = this.#retained[0] as Buffer;
      if (first.length <= dropped) {
        this.#retained.shift();
        dropped -= first.length;
        this.#retainedStart += first.length;
      } else {
        this.#retained[0] = first.subarray(dropped);
        this.#retainedStart += dropped;
        dropped = 0;
      }
    }
  }
}

function describeCsvError(error: Error): { code: CsvStructureErrorCode; message: string } {
  switch ((error as CsvError).code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return { code: "quotes", message: "a quoted field is never closed" };
    case "CSV_INVALID_CLOSING_QUOTE":
      return {
        code: "quotes",
        message:
          'a closing quote is followed by text instead of a comma or a line end (write a quote inside a quoted field as "")',
      };
    case "INVALID_OPENING_QUOTE":
      return {
        code: "quotes",
        message:
          "a quote appears inside an unquoted field (quote the whole field and double the quote)",
      };
    case "CSV_MAX_RECORD_SIZE":
      return { code: "field-too-large", message: "a field is larger than the reader accepts" };
    default:
      // With the options above csv-parse reports nothing else; anything new is a bug to see.
      throw error;
  }
}
