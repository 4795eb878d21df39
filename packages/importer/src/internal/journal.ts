import {
  closeSync,
  createReadStream,
  fdatasync,
  fdatasyncSync,
  ftruncateSync,
  openSync,
  statSync,
  writeSync,
} from "node:fs";
import { JournalCorruptError, JournalMismatchError } from "../errors.js";
import type { RejectReason } from "../reject-reason.js";
import type { RowOutcome } from "../row-outcome.js";

/** What makes two runs the same job. A journal only resumes the job it was written for. */
export interface JobIdentity {
  readonly inputPath: string;
  readonly inputSize: number;
  /** SHA-256 (hex) of the input's first bytes: cheap, and catches a file replaced in place. */
  readonly inputHeadSha256: string;
  readonly workspaceId: string;
  readonly endpoint: string;
}

export type JournalRecord =
  | { kind: "job"; version: 1; job: JobIdentity; createdAt: string }
  | { kind: "run"; startedAt: string; pid: number }
  /** Written (and in the kernel) before the request leaves: the row may now exist remotely. */
  | { kind: "intent"; line: number; op: "create" | "update" }
  /** A Create failed in a way that says nothing about whether the service acted. */
  | { kind: "unknown"; line: number; error: string }
  | {
      kind: "outcome";
      line: number;
      outcome: RowOutcome;
      id?: string | undefined;
      reasons?: readonly RejectReason[] | undefined;
      message?: string | undefined;
      /** Requests sent for the row in the run that finished it. */
      attempts?: number | undefined;
    }
  /** The row could not be sent for now; unlike an outcome, the next run tries it again. */
  | { kind: "failed"; line: number; reasons: readonly RejectReason[]; message: string }
  /** Copies of a row sent more than once were looked for, and these extra ones deleted. */
  | { kind: "swept"; line: number; removed: readonly string[] }
  | { kind: "end"; status: string; at: string };

/** What earlier runs left for one row. */
export interface JournalRowState {
  createIntents: number;
  updateIntents: number;
  unknown: boolean;
  outcome: Extract<JournalRecord, { kind: "outcome" }> | undefined;
}

export interface JournalOptions {
  /** Write buffered records at least this often (ms). */
  readonly flushIntervalMs?: number;
  /** Or as soon as this many are waiting. */
  readonly flushRecords?: number;
}

const JOURNAL_VERSION = 1;

/**
 * The job's append-only journal: one JSON object per line. Intents are written with a
 * synchronous write before their request is sent, so a killed process never has a request
 * out that the journal does not know of; everything else is buffered and written every
 * 200 ms or 500 records. fdatasync runs after each such batch and at close, so a power loss
 * (unlike a kill) can lose the last 200 ms; see the README for why that cannot duplicate a
 * template either. A line torn by a kill (the last one, without its newline) is cut off when
 * the journal is opened again.
 */
export class Journal {
  readonly path: string;
  /** What earlier runs recorded, by row line. Empty for a new job. */
  readonly previous: ReadonlyMap<number, JournalRowState>;
  readonly resumed: boolean;
  #fd: number | undefined;
  #pending: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #syncing = false;
  #dirty = false;
  readonly #flushRecords: number;

  private constructor(
    path: string,
    fd: number | undefined,
    previous: Map<number, JournalRowState>,
    resumed: boolean,
    options: JournalOptions,
  ) {
    this.path = path;
    this.#fd = fd;
    this.previous = previous;
    this.resumed = resumed;
    this.#flushRecords = options.flushRecords ?? 500;
    if (fd !== undefined) {
      this.#timer = setInterval(() => {
        this.flush();
        this.#sync();
      }, options.flushIntervalMs ?? 200);
      this.#timer.unref();
    }
  }

  /**
   * Opens the journal for `job`, creating it if missing. Throws JournalMismatchError when it
   * belongs to another job and JournalCorruptError when a complete line cannot be read.
   */
  static async open(
    path: string,
    job: JobIdentity,
    options: JournalOptions = {},
  ): Promise<Journal> {
    const fd = openSync(path, "a+");
    try {
      const replay = await replayJournal(path, job);
      if (replay.validBytes < statSync(path).size) ftruncateSync(fd, replay.validBytes);
      const journal = new Journal(path, fd, replay.rows, replay.hasJob, options);
      if (!replay.hasJob) {
        journal.#writeNow({
          kind: "job",
          version: JOURNAL_VERSION,
          job,
          createdAt: new Date().toISOString(),
        });
      }
      journal.append({ kind: "run", startedAt: new Date().toISOString(), pid: process.pid });
      return journal;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Reads what a journal holds for `job` without changing it (for dry runs). */
  static async inspect(path: string, job: JobIdentity): Promise<Journal> {
    let replay: Replay;
    try {
      replay = await replayJournal(path, job);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return new Journal(path, undefined, new Map(), false, {});
      }
      throw error;
    }
    return new Journal(path, undefined, replay.rows, replay.hasJob, {});
  }

  /** Records that a request for this row is about to leave; in the kernel on return. */
  intent(line: number, op: "create" | "update"): void {
    this.#writeNow({ kind: "intent", line, op });
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
    const text = `${this.#pending.join("\n")}\n`;
    this.#pending = [];
    writeSync(this.#fd, text);
    this.#dirty = true;
  }

  /** Writes everything, waits for it to be on disk, and closes the file. */
  close(): void {
    if (this.#fd === undefined) return;
    clearInterval(this.#timer);
    this.flush();
    fdatasyncSync(this.#fd);
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  #writeNow(record: JournalRecord): void {
    if (this.#fd === undefined) return;
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
    this.#dirty = true;
  }

  /** One fdatasync at a time, in the background; a batch that lands meanwhile waits for the next. */
  #sync(): void {
    const fd = this.#fd;
    if (fd === undefined || !this.#dirty || this.#syncing) return;
    this.#dirty = false;
    this.#syncing = true;
    fdatasync(fd, () => {
      this.#syncing = false;
    });
  }
}

interface Replay {
  hasJob: boolean;
  rows: Map<number, JournalRowState>;
  /** Bytes up to the end of the last complete line: what survives a torn tail. */
  validBytes: number;
}

async function replayJournal(path: string, job: JobIdentity): Promise<Replay> {
  const rows = new Map<number, JournalRowState>();
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
      const differences = describeDifferences(record.job, job);
      if (differences.length > 0) throw new JournalMismatchError(path, differences);
      hasJob = true;
      return;
    }
    applyRecord(rows, record);
  };
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

function applyRecord(rows: Map<number, JournalRowState>, record: JournalRecord): void {
  if (!("line" in record)) return;
  let state = rows.get(record.line);
  if (state === undefined) {
    state = { createIntents: 0, updateIntents: 0, unknown: false, outcome: undefined };
    rows.set(record.line, state);
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

function describeDifferences(recorded: JobIdentity, current: JobIdentity): string[] {
  const differences: string[] = [];
  if (recorded.inputPath !== current.inputPath) {
    differences.push(`input was ${recorded.inputPath}, now ${current.inputPath}`);
  } else if (
    recorded.inputSize !== current.inputSize ||
    recorded.inputHeadSha256 !== current.inputHeadSha256
  ) {
    differences.push(`the input file ${current.inputPath} has changed since the job started`);
  }
  if (recorded.workspaceId !== current.workspaceId) {
    differences.push(`workspace was ${recorded.workspaceId}, now ${current.workspaceId}`);
  }
  if (recorded.endpoint !== current.endpoint) {
    differences.push(`endpoint was ${recorded.endpoint}, now ${current.endpoint}`);
  }
  return differences;
}
