import { closeSync, openSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { ImportFileError } from "../errors.js";
import { writeAll } from "./write-all.js";

const BATCH_ROWS = 256;

/**
 * A CSV file written from the start (an existing file is replaced) in batches of rows.
 * Writes are synchronous: the files are small next to the requests, and a row handed over
 * is in the file as soon as its batch is, in order, with no stream to drain. A failed write
 * (a full disk) throws ImportFileError naming the file; `close` closes the file whatever
 * happened before.
 */
export class CsvFileWriter {
  readonly path: string;
  #fd: number | undefined;
  #batch: string[][] = [];
  #failed = false;

  /** Opens (creates or empties) the file; the header goes out with the first batch. */
  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.#fd = openSync(path, "w");
    this.#batch.push(header as string[]);
  }

  write(row: readonly string[]): void {
    this.#batch.push(row as string[]);
    if (this.#batch.length >= BATCH_ROWS) this.flush();
  }

  flush(): void {
    if (this.#fd === undefined || this.#batch.length === 0 || this.#failed) return;
    const text = stringify(this.#batch);
    this.#batch = [];
    this.#write(text);
  }

  /** Writes what is left (unless a write failed already) and closes the file. */
  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    try {
      this.flush();
    } finally {
      this.#fd = undefined;
      closeSync(fd);
    }
  }

  #write(text: string): void {
    try {
      writeAll(this.#fd as number, text);
    } catch (error) {
      this.#failed = true;
      throw new ImportFileError(this.path, error);
    }
  }
}
