import { createReadStream } from "node:fs";
import { checkRow, type RowProblem } from "../check-row.js";
import type { ImportLimits } from "../import-options.js";
import {
  readTemplateCsv,
  type TemplateCsvEntry,
  type TemplateCsvRow,
} from "../read-template-csv.js";
import { contentDigest } from "./content-digest.js";
import { nameFoldKey } from "./name-fold.js";
import type { NearDuplicate } from "./near-duplicates.js";
import { rowDigest } from "./row-identity.js";

/** A data row of the file, read and checked: what the decision step starts from. */
export interface SourceRow {
  /** Position among the data rows (0-based): the order of the report. */
  readonly index: number;
  /** Physical line (1-based) where the row starts. */
  readonly line: number;
  readonly name: string;
  /** Every field as written: what the reject file repeats. */
  readonly fields: readonly string[];
  /** The row's cells; undefined when the reader could not split the row into fields. */
  readonly row: TemplateCsvRow | undefined;
  /** `rowDigest` (its identity across runs); undefined for a row the reader could not split. */
  readonly digest: string | undefined;
  readonly contentDigest: string | undefined;
  /** What the reader or the checks found wrong; empty when the row may be sent. */
  readonly problems: readonly RowProblem[];
  /** Earlier rows of the file whose names read the same as this one's (but differ). */
  readonly nearDuplicates: readonly NearDuplicate[];
}

export interface RowSourceOptions {
  readonly allowUnknownColumns: boolean;
  readonly maxFieldBytes: number;
  readonly limits: ImportLimits;
  /** Told how many bytes of the file have been read, as they are. */
  readonly onBytes?: ((bytesRead: number) => void) | undefined;
}

/**
 * Reading and checking: the CSV file as a stream of SourceRows. Names are compared across
 * the file here (an exact repeat is `name-duplicate-in-file`; a name that reads the same as
 * an earlier one is a near-duplicate), so the decision step sees one row at a time.
 */
export class RowSource {
  readonly columns: readonly string[];
  readonly #entries: AsyncGenerator<TemplateCsvEntry>;
  readonly #options: RowSourceOptions;
  readonly #nameColumn: number;
  readonly #earlierNames = new Map<string, number>();
  readonly #earlierKeys = new Map<string, { line: number; name: string }>();

  private constructor(
    entries: AsyncGenerator<TemplateCsvEntry>,
    columns: readonly string[],
    options: RowSourceOptions,
  ) {
    this.#entries = entries;
    this.columns = columns;
    this.#options = options;
    this.#nameColumn = columns.indexOf("name");
  }

  /** Opens the file and reads its header. Throws CsvHeaderError; leaves no file open when it does. */
  static async open(path: string, options: RowSourceOptions): Promise<RowSource> {
    const entries = readTemplateCsv(countedBytes(path, options.onBytes), {
      allowUnknownColumns: options.allowUnknownColumns,
      maxFieldBytes: options.maxFieldBytes,
    });
    try {
      const first = await entries.next();
      if (first.done === true || first.value.type !== "header") {
        throw new Error("the CSV reader yields its header first");
      }
      return new RowSource(entries, first.value.columns, options);
    } catch (error) {
      await entries.return(undefined);
      throw error;
    }
  }

  async *rows(): AsyncGenerator<SourceRow> {
    for await (const entry of this.#entries) {
      if (entry.type === "header") continue;
      if (entry.type === "unreadable") {
        const { row } = entry;
        yield {
          index: row.index,
          line: row.line,
          name: row.fields[this.#nameColumn] ?? "",
          fields: row.fields,
          row: undefined,
          digest: undefined,
          contentDigest: undefined,
          problems: [{ reason: row.reason, message: row.message }],
          nearDuplicates: [],
        };
        continue;
      }
      yield this.#checked(entry.row);
    }
  }

  /** Closes the file (also when reading stopped half-way). */
  async close(): Promise<void> {
    await this.#entries.return(undefined);
  }

  #checked(row: TemplateCsvRow): SourceRow {
    const check = checkRow(row, { limits: this.#options.limits, earlierNames: this.#earlierNames });
    if (!this.#earlierNames.has(row.name)) this.#earlierNames.set(row.name, row.line);
    const nearDuplicates: NearDuplicate[] = [];
    const key = nameFoldKey(row.name);
    if (key !== "") {
      const earlier = this.#earlierKeys.get(key);
      if (earlier === undefined) this.#earlierKeys.set(key, { line: row.line, name: row.name });
      else if (earlier.name !== row.name) nearDuplicates.push({ kind: "row", ...earlier });
    }
    const digestOfContent = contentDigest(row.content);
    return {
      index: row.index,
      line: row.line,
      name: row.name,
      fields: row.fields,
      row,
      digest: rowDigest(row, digestOfContent),
      contentDigest: digestOfContent,
      problems: check.problems,
      nearDuplicates,
    };
  }
}

/** The file as chunks, telling `onBytes` how much was read so far. */
async function* countedBytes(
  path: string,
  onBytes: ((bytesRead: number) => void) | undefined,
): AsyncGenerator<Uint8Array> {
  let read = 0;
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      read += (chunk as Buffer).length;
      onBytes?.(read);
      yield chunk as Buffer;
    }
  } finally {
    // Destroying closes the file in the background; `close()` of the source means closed.
    // (Not events.once: it rejects with the AbortError the iterator destroys the stream with.)
    if (!stream.closed) {
      const closed = new Promise<void>((resolve) => stream.once("close", () => resolve()));
      stream.destroy();
      await closed;
    }
  }
}
