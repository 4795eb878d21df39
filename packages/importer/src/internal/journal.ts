import {
  closeSync,
  createReadStream,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  statSync,
} from "node:fs";
import {
  ImportFileError,
  ImportSetupError,
  JournalCorruptError,
  JournalFormatError,
  JournalMismatchError,
} from "../errors.js";
import type { OnExisting } from "../import-options.js";
import type { RejectReason } from "../reject-reason.js";
import type { RowOutcome } from "../row-outcome.js";
import { writeAll } from "./write-all.js";

/**
 * Where a job's rows go. A journal belongs to one target: the same file imported into another
 * workspace, or through another endpoint, is another job with a journal of its own.
 */
export interface JobTarget {
  readonly workspaceId: string;
  readonly endpoint: string;
}

/**
 * Every record names its row by `rowDigest` (name, content and declared variables), never by
 * its line: the file may change between runs.
 */
export type JournalRecord =
  | { kind: "job"; version: typeof JOURNAL_VERSION; target: JobTarget; createdAt: string }
  | { kind: "run"; startedAt: string; pid: number; input: string; onExisting: OnExisting }
  /** Written (and in the kernel) before the request leaves: the row may now exist remotely. */
  | { kind: "intent"; row: string; op: "create" | "update" }
  /** A Create failed in a way that says nothing about whether the service acted. */
  | { kind: "unknown"; row: string; error: string }
  /** A final outcome: a later run with this exact row sends nothing for it. */
  | {
      kind: "outcome";
      row: string;
      name: string;
      outcome: RowOutcome;
      id?: string | undefined;
      reasons?: readonly RejectReason[] | undefined;
      message?: string | undefined;
      /** Requests sent for the row in the run that finished it. */
      attempts?: number | undefined;
    }
  /** The row could not be sent for now (`retries-exhausted`); the next run tries it again. */
  | { kind: "failed"; row: string; message: string }
  /** Copies of a row sent more than once were looked for, and these extra ones deleted. */
  | { kind: "swept"; row: string; removed: readonly string[] }
  | { kind: "end"; status: string; at: string };

export type FinalOutcome = Extract<JournalRecord, { kind: "outcome" }>;

/** What earlier runs left for one row digest. */
export interface JournalRowState {
  createIntents: number;
  updateIntents: number;
  unknown: boolean;
  outcome: FinalOutcome | undefined;
}

export interface JournalOptions {
  /** Write buffered records at least this often (ms). */
  readonly flushIntervalMs?: number;
  /** Or as soon as this many are waiting. */
  readonly flushRecords?: number;
  /**
   * A write or fdatasync that failed, as an ImportFileError: called once, for the first
   * failure, wherever it happened. Writes asked for directly (`intent`, `append` at a full
   * buffer, `flush`, `close`) also throw it; the periodic flush and fdatasync only report it.
   */
  readonly onError?: ((error: ImportFileError) => void) | undefined;
}

export const JOURNAL_VERSION = 2;

/**
 * The job's append-only journal: one JSON object per line. Intents are written with a
 * synchronous write before their request is sent, so a killed process never has a request
 * out that the journal does not know of; everything else is buffered and written every
 * 200 ms or 500 records. fdatasync runs after each such batch and at close, so a power loss
 * (unlike a kill) can lose the last 200 ms; see the README for why that cannot duplicate a
 * template either. A line torn by a kill (the last one, without its newline) is cut off when
 * the journal is opened again.
 *
 * No failure is swallowed: a write or sync that fails stops the flushing and is handed to
 * `onError` (background) or thrown (foreground), and the job fails with it.
 */
export class Journal {
  readonly path: string;
  /** What earlier runs recorded, by row digest. Empty for a new journal. */
  readonly previous: ReadonlyMap<string, JournalRowState>;
  readonly resumed: boolean;
  #fd: number | undefined;
  #pending: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #syncing = false;
  #dirty = false;
  #failed: ImportFileError | undefined;
  readonly #flushRecords: number;
  readonly #onError: ((error: ImportFileError) => void) | undefined;

  private constructor(
    path: string,
    fd: number | undefined,
    previous: Map<string, JournalRowState>,
    resumed: boolean,
    options: JournalOptions,
  ) {
    this.path = path;
    this.#fd = fd;
    this.previous = previous;
    this.resumed = resumed;
    this.#flushRecords = options.flushRecords ?? 500;
    this.#onError = options.onError;
    if (fd !== undefined) {
      this.#timer = setInterval(() => this.#flushInBackground(), options.flushIntervalMs ?? 200);
      this.#timer.unref();
    }
  }

  /**
   * Opens the journal of `target`, creating it if missing. Throws JournalMismatchError when
   * it belongs to another target, JournalFormatError when an earlier version wrote it, and
   * JournalCorruptError when a complete line cannot be read.
   */
  static async open(
    path: string,
    target: JobTarget,
    options: JournalOptions = {},
  ): Promise<Journal> {
    const fd = openSync(path, "a+");
    try {
      if (!fstatSync(fd).isFile()) {
        throw new ImportSetupError(`The journal ${path} is not a regular file`);
      }
      const replay = await replayJournal(path, target);
      if (replay.validBytes < statSync(path).size) ftruncateSync(fd, replay.validBytes);
      const journal = new Journal(path, fd, replay.rows, replay.hasJob, options);
      if (!replay.hasJob) {
        journal.#writeNow({
          kind: "job",
          version: JOURNAL_VERSION,
          target,
          createdAt: new Date().toISOString(),
        });
      }
      return journal;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Reads what a journal holds for `target` without changing it (for dry runs). */
  static async inspect(path: string, target: JobTarget): Promise<Journal> {
    let replay: Replay;
    try {
      replay = await replayJournal(path, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return new Journal(path, undefined, new Map(), false, {});
      }
      throw error;
    }
    return new Journal(path, undefined, replay.rows, replay.hasJob, {});
  }

  /** Records that a request for this row is about to leave; in the kernel on return. */
  intent(row: string, op: "create" | "update"): void {
    this.#writeNow({ kind: "intent", row, op });
  }

  /** Buffers a record; it reaches the file within the flush interval. */
  append(record: JournalRecord): void {
    if (this.#fd === undefined) return;
    this.#pending.push(JSON.stringify(record));
    if (this.#pending.length >= this.#flushRecords) {
      this.flush();
      this.#sync();
    }
  }

  /** Writes the buffered records now (to the kernel; the next batch sync makes them durable). */
  flush(): void {
    if (this.#fd === undefined || this.#pending.length === 0) return;
    this.#throwIfFailed();
    const text = `${this.#pending.join("\n")}\n`;
    this.#pending = [];
    this.#guard(() => writeAll(this.#fd as number, text));
    this.#dirty = true;
  }

  /**
   * Writes everything, waits for it to be on disk, and closes the file. The file is closed
   * even when the last write or sync fails; that failure is thrown after.
   */
  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    clearInterval(this.#timer);
    try {
      if (this.#failed === undefined) {
        this.flush();
        this.#guard(() => fdatasyncSync(fd));
      }
    } finally {
      this.#fd = undefined;
      closeSync(fd);
    }
    this.#throwIfFailed();
  }

  #writeNow(record: JournalRecord): void {
    if (this.#fd === undefined) return;
    this.#throwIfFailed();
    const line = `${JSON.stringify(record)}\n`;
    this.#guard(() => writeAll(this.#fd as number, line));
    this.#dirty = true;
  }

  #flushInBackground(): void {
    if (this.#failed !== undefined) return;
    try {
      this.flush();
      this.#sync();
    } catch {
      // #guard has recorded it and told onError.
    }
  }

  /** One fdatasync at a time, in the background; a batch that lands meanwhile waits for the next. */
  #sync(): void {
    const fd = this.#fd;
    if (fd === undefined || !this.#dirty || this.#syncing) return;
    this.#dirty = false;
    this.#syncing = true;
    fdatasync(fd, (error) => {
      this.#syncing = false;
      if (error) this.#fail(error);
    });
  }

  #guard(write: () => void): void {
    try {
      write();
    } catch (error) {
      throw this.#fail(error);
    }
  }

  /** Remembers the first failure (later writes would only fail again) and reports it. */
  #fail(error: unknown): ImportFileError {
    if (this.#failed !== undefined) return this.#failed;
    const failure = new ImportFileError(this.path, error);
    this.#failed = failure;
    clearInterval(this.#timer);
    this.#onError?.(failure);
    return failure;
  }

  #throwIfFailed(): void {
    if (this.#failed !== undefined) throw this.#failed;
  }
}

interface Replay {
  hasJob: boolean;
  rows: Map<string, JournalRowState>;
  /** Bytes up to the end of the last complete line: what survives a torn tail. */
  validBytes: number;
}

async function replayJournal(path: string, target: JobTarget): Promise<Replay> {
  const rows = new Map<string, JournalRowState>();
  let hasJob = false;
  let validBytes = 0;
  let lineNumber = 0;
  let carry = "";
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const apply = (text: string) => {
    lineNumber++;
    let record: JournalRecord;
    try {
      record = JSON.parse(text) as JournalRecord;
    } catch {
      throw new JournalCorruptError(path, lineNumber, "not a JSON object");
    }
    if (!hasJob) {
      if (record.kind !== "job") throw new JournalCorruptError(path, lineNumber, "no job record");
      const version = (record as { version?: unknown }).version;
      if (version !== JOURNAL_VERSION) throw new JournalFormatError(path, version);
      const differences = describeDifferences(record.target, target);
      if (differences.length > 0) throw new JournalMismatchError(path, differences);
      hasJob = true;
      return;
    }
    applyRecord(rows, record);
  };
  // Closed by the loop on every exit, an exception from `apply` included.
  for await (const chunk of createReadStream(path)) {
    const text = carry + decoder.decode(chunk as Buffer, { stream: true });
    let start = 0;
    for (;;) {
      const end = text.indexOf("\n", start);
      if (end === -1) break;
      const line = text.slice(start, end);
      apply(line);
      validBytes += Buffer.byteLength(line) + 1;
      start = end + 1;
    }
    carry = text.slice(start);
  }
  return { hasJob, rows, validBytes };
}

function applyRecord(rows: Map<string, JournalRowState>, record: JournalRecord): void {
  if (!("row" in record)) return;
  let state = rows.get(record.row);
  if (state === undefined) {
    state = { createIntents: 0, updateIntents: 0, unknown: false, outcome: undefined };
    rows.set(record.row, state);
  }
  switch (record.kind) {
    case "intent":
      if (record.op === "create") state.createIntents++;
      else state.updateIntents++;
      break;
    case "unknown":
      state.unknown = true;
      break;
    case "outcome":
      state.outcome = record;
      break;
    case "swept":
    case "failed":
      break;
  }
}

function describeDifferences(recorded: JobTarget, current: JobTarget): string[] {
  const differences: string[] = [];
  if (recorded.workspaceId !== current.workspaceId) {
    differences.push(`workspace was ${recorded.workspaceId}, now ${current.workspaceId}`);
  }
  if (recorded.endpoint !== current.endpoint) {
    differences.push(`endpoint was ${recorded.endpoint}, now ${current.endpoint}`);
  }
  return differences;
}
