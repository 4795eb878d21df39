import { closeSync, openSync, writeSync } from "node:fs";
import { stringify } from "csv-stringify/sync";

const BATCH_ROWS = 256;

/**
 * A CSV file written from the start (an existing file is replaced) in batches of rows.
 * Writes are synchronous: the files are small next to the requests, and a row handed over
 * is in the file as soon as its batch is, in order, with no stream to drain.
 */
export class CsvFileWriter {
  readonly path: string;
  #fd: number | undefined;
  #batch: string[][] = [];

  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.#fd = openSync(path, "w");
    writeSync(this.#fd, stringify([header as string[]]));
  }

  write(row: readonly string[]): void {
    this.#batch.push(row as string[]);
    if (this.#batch.length >= BATCH_ROWS) this.flush();
  }

  flush(): void {
    if (this.#fd === undefined || this.#batch.length === 0) return;
    writeSync(this.#fd, stringify(this.#batch));
    this.#batch = [];
  }

  close(): void {
    if (this.#fd === undefined) return;
    this.flush();
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}
