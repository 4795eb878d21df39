import { createReadStream } from "node:fs";
import {
  AbortError,
  ApiError,
  ConnectionError,
  ModelStudioClient,
  NotFoundError,
  PromptmillError,
  TimeoutError,
} from "@promptmill/core";
import { checkRow } from "../check-row.js";
import { ImportSetupError } from "../errors.js";
import type { ImportOptions } from "../import-options.js";
import type { ImportCounts, ImportPhase, ImportProgress } from "../import-progress.js";
import type { ImportStatus, ImportSummary } from "../import-summary.js";
import {
  readTemplateCsv,
  type TemplateCsvEntry,
  type TemplateCsvRow,
} from "../read-template-csv.js";
import type { RejectReason } from "../reject-reason.js";
import type { RowResult } from "../row-outcome.js";
import { CsvFileWriter } from "./csv-file-writer.js";
import { decideRow, type RowDecision } from "./decide-row.js";
import { ExistingTemplates, findExactTemplates } from "./existing-templates.js";
import { jobIdentity } from "./job-identity.js";
import { type JobSettings, jobCredentials, jobSettings } from "./job-settings.js";
import { Journal, type JournalRecord } from "./journal.js";
import { OrderedResults } from "./ordered-results.js";
import { backoffMs, SendQueue, sleep } from "./send-queue.js";

/** A finished row, with the fields the reject file repeats. */
interface Finished {
  readonly result: RowResult;
  readonly fields: readonly string[];
}

/** A row whose template was sent more than once: its copies are looked for at the end. */
interface SweepCandidate {
  readonly line: number;
  readonly name: string;
  readonly content: string;
  readonly id: string;
}

type MutableCounts = { -readonly [K in keyof ImportCounts]: ImportCounts[K] };

/** Rows held for ordering before the reader waits: far more than a retrying row delays. */
const REORDER_WINDOW = 20_000;

/** After this many rows in a row end `retries-exhausted`, the service is taken to be down. */
const CONSECUTIVE_FAILURES_PER_SLOT = 2;

/** A throttled row waits and tries again; after this many throttled rounds it gives up. */
const MAX_THROTTLED_ROUNDS = 100;

/**
 * Time left for a Create whose answer was lost to still commit before its duplicates are
 * swept (see the README, "The race").
 */
const SWEEP_SETTLE_MS = 1_000;

export const REPORT_COLUMNS = [
  "line",
  "name",
  "outcome",
  "promptTemplateId",
  "reasons",
  "message",
  "attempts",
] as const;

/**
 * One run of an import job: read, check, decide, send, journal, report. The public
 * `runImport` prepares it (everything that can fail before a byte is sent) and runs it.
 */
export class ImportJob {
  readonly #settings: JobSettings;
  readonly #options: ImportOptions;
  readonly #writer: ModelStudioClient;
  readonly #reader: ModelStudioClient;
  readonly #journal: Journal;
  readonly #entries: AsyncGenerator<TemplateCsvEntry>;
  readonly #columns: readonly string[];
  readonly #nameColumn: number;
  readonly #report: CsvFileWriter;
  readonly #rejects: CsvFileWriter;
  readonly #ordered: OrderedResults<Finished>;
  readonly #queue: SendQueue;
  /** Stops reading rows and starting requests: interrupt or fatal error. */
  readonly #stop = new AbortController();
  /** Cuts requests still in flight when the grace period after a stop is over. */
  readonly #requestAbort = new AbortController();
  readonly #counts: MutableCounts = {
    rowsRead: 0,
    sent: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rejected: 0,
    existsFailed: 0,
    failed: 0,
    retried: 0,
    reconciled: 0,
  };
  readonly #sweep = new Map<number, SweepCandidate>();
  readonly #started = Date.now();
  #status: ImportStatus = "completed";
  #error: ImportSummary["error"];
  #phase: ImportPhase = "listing";
  #bytesRead = 0;
  #finishedThisRun = 0;
  #doneEarlier = 0;
  #duplicatesRemoved = 0;
  #inFlight = 0;
  #consecutiveFailures = 0;
  #lastUnknownAt = 0;

  private constructor(init: {
    settings: JobSettings;
    options: ImportOptions;
    writer: ModelStudioClient;
    reader: ModelStudioClient;
    journal: Journal;
    entries: AsyncGenerator<TemplateCsvEntry>;
    columns: readonly string[];
    report: CsvFileWriter;
    rejects: CsvFileWriter;
  }) {
    this.#settings = init.settings;
    this.#options = init.options;
    this.#writer = init.writer;
    this.#reader = init.reader;
    this.#journal = init.journal;
    this.#entries = init.entries;
    this.#columns = init.columns;
    this.#nameColumn = init.columns.indexOf("name");
    this.#report = init.report;
    this.#rejects = init.rejects;
    this.#ordered = new OrderedResults((finished) => this.#write(finished));
    this.#queue = new SendQueue({
      concurrency: init.settings.concurrency,
      requestsPerSecond: init.settings.requestsPerSecond,
    });
  }

  /**
   * Everything that can go wrong before anything is sent: options, input, header, journal,
   * credentials. Throws ImportSetupError (and its subclasses) for those.
   */
  static async prepare(options: ImportOptions): Promise<ImportJob> {
    const settings = jobSettings(options);
    const credentials = await jobCredentials(options);
    const common = {
      endpoint: options.endpoint,
      credentials,
      timeoutMs: options.timeoutMs,
      userAgent: "promptmill-importer",
    };
    // Writes are not retried by the client: the job retries them itself, so that it can
    // pause every row on throttling, reconcile a Create with an unknown outcome before
    // sending it again, and count each row's attempts.
    const writer = new ModelStudioClient({ ...common, retry: false });
    let job: ImportJob | undefined;
    const reader = new ModelStudioClient({
      ...common,
      onRetry: (event) => {
        if (job !== undefined) job.#onReadRetry(event.error, event.delayMs);
      },
    });

    let progressBytes = 0;
    const counted = countBytes(settings.inputPath, (bytes) => {
      progressBytes += bytes;
      if (job !== undefined) job.#bytesRead = progressBytes;
    });
    const entries = readTemplateCsv(counted, {
      allowUnknownColumns: settings.allowUnknownColumns,
      maxFieldBytes: settings.maxFieldBytes,
    });
    let journal: Journal | undefined;
    let report: CsvFileWriter | undefined;
    let rejects: CsvFileWriter | undefined;
    try {
      const first = await entries.next();
      if (first.done === true || first.value.type !== "header") {
        throw new Error("the CSV reader yields its header first");
      }
      const columns = first.value.columns;
      journal = await Journal.open(
        settings.journalFile,
        jobIdentity(settings.inputPath, settings.workspaceId, writer.endpoint),
      );
      report = new CsvFileWriter(settings.reportFile, REPORT_COLUMNS);
      rejects = new CsvFileWriter(settings.rejectFile, [...columns, "line", "reasons", "message"]);
      job = new ImportJob({
        settings,
        options,
        writer,
        reader,
        journal,
        entries,
        columns,
        report,
        rejects,
      });
    } catch (error) {
      report?.close();
      rejects?.close();
      journal?.close();
      await entries.return(undefined);
      if ((error as NodeJS.ErrnoException).syscall === "open") {
        throw new ImportSetupError(
          `cannot write ${(error as NodeJS.ErrnoException).path}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      throw error;
    }
    job.#bytesRead = progressBytes;
    return job;
  }

  async run(): Promise<ImportSummary> {
    const signal = this.#options.signal;
    const onAbort = () => this.#halt("interrupted");
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const progressTimer = setInterval(
      () => this.#emitProgress(),
      this.#settings.progressIntervalMs,
    );
    progressTimer.unref();
    try {
      const existing = await this.#listExisting();
      if (existing !== undefined) {
        this.#phase = "importing";
        await this.#importRows(existing);
      }
      await this.#settleQueue();
      // Lets the last rows' completion callbacks run before the sweep and the files close.
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.#stop.signal.aborted && this.#sweep.size > 0) {
        this.#phase = "sweeping";
        await this.#sweepDuplicates();
      }
    } catch (error) {
      this.#halt("failed", error);
      await this.#settleQueue();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      clearInterval(progressTimer);
      signal?.removeEventListener("abort", onAbort);
      this.#finishFiles();
    }
    this.#phase = "done";
    this.#emitProgress();
    return this.#summary();
  }

  async #listExisting(): Promise<ExistingTemplates | undefined> {
    for (let round = 1; ; round++) {
      try {
        return await ExistingTemplates.load(this.#reader, this.#settings.workspaceId, {
          signal: this.#stop.signal,
        });
      } catch (error) {
        if (this.#stop.signal.aborted) return undefined;
        // The client has already retried what is worth retrying; one more round covers a
        // service that was briefly away, and then the job cannot start.
        if (round >= 2 || !isTransient(error)) {
          this.#halt("failed", error);
          return undefined;
        }
        this.#counts.retried++;
        if (!(await sleep(backoffMs(2), this.#stop.signal))) return undefined;
      }
    }
  }

  async #importRows(existing: ExistingTemplates): Promise<void> {
    const earlierNames = new Map<string, number>();
    const queue = this.#queue.queue;
    for await (const entry of this.#entries) {
      if (this.#stop.signal.aborted) break;
      if (entry.type === "header") continue;
      this.#counts.rowsRead++;
      if (entry.type === "unreadable") {
        const { row } = entry;
        const previous = this.#journal.previous.get(row.line)?.outcome;
        const name = row.fields[this.#nameColumn] ?? "";
        if (previous !== undefined) {
          this.#doneEarlier++;
          this.#complete(row.index, fromJournal(row.line, name, previous), row.fields, false);
        } else {
          this.#finishNow(row.index, row.line, name, row.fields, {
            outcome: "rejected",
            reasons: [row.reason],
            message: row.message,
          });
        }
        continue;
      }
      const { row } = entry;
      const check = checkRow(row, { limits: this.#settings.limits, earlierNames });
      if (!earlierNames.has(row.name)) earlierNames.set(row.name, row.line);
      const previous = this.#journal.previous.get(row.line);
      const decision = decideRow({
        content: row.content,
        problems: check.problems,
        previous,
        existing: existing.get(row.name),
        onExisting: this.#settings.onExisting,
      });
      // Swept again on every run, not only until a first sweep: a Create that commits very
      // late is still found by the next run of the same command.
      const needsSweep = previous !== undefined && previous.createIntents >= 2;
      if (!this.#decideNow(row, decision, needsSweep)) {
        const intents = previous?.createIntents ?? 0;
        const task =
          decision.action === "update"
            ? () => this.#updateRow(row, decision.id)
            : () => this.#createRow(row, intents);
        queue
          .add(async () => {
            this.#inFlight++;
            try {
              return await task();
            } finally {
              this.#inFlight--;
            }
          })
          .then(
            (finished) => {
              if (finished !== undefined) this.#ordered.complete(row.index, finished);
            },
            (error: unknown) => this.#halt("failed", error),
          );
      }
      if (queue.size >= this.#settings.concurrency) {
        await this.#untilStopped(queue.onSizeLessThan(this.#settings.concurrency));
      }
      if (this.#ordered.waiting >= REORDER_WINDOW) {
        await this.#untilStopped(this.#ordered.whenDrained());
      }
    }
  }

  /**
   * Waits for `promise` or the stop, whichever comes first. (Not Promise.race with one
   * long-lived "stopped" promise: each race would leave a reaction on it, one per row.)
   */
  #untilStopped(promise: Promise<unknown>): Promise<void> {
    const signal = this.#stop.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const onStop = () => resolve();
      signal.addEventListener("abort", onStop, { once: true });
      promise.then(() => {
        signal.removeEventListener("abort", onStop);
        resolve();
      });
    });
  }

  /** Settles a row that needs no request; returns false when it must be sent. */
  #decideNow(row: TemplateCsvRow, decision: RowDecision, needsSweep: boolean): boolean {
    switch (decision.action) {
      case "done": {
        this.#doneEarlier++;
        const result = fromJournal(row.line, row.name, decision.outcome);
        if (needsSweep && result.outcome === "created" && result.promptTemplateId !== undefined) {
          this.#sweep.set(row.line, { ...sweepOf(row), id: result.promptTemplateId });
        }
        this.#complete(row.index, result, row.fields, false);
        return true;
      }
      case "reject":
        this.#finishNow(row.index, row.line, row.name, row.fields, {
          outcome: "rejected",
          reasons: decision.problems.map((problem) => problem.reason),
          message: decision.problems.map((problem) => problem.message).join("; "),
        });
        return true;
      case "adopt":
        this.#counts.reconciled++;
        if (needsSweep || decision.copies > 1) {
          this.#sweep.set(row.line, { ...sweepOf(row), id: decision.id });
        }
        this.#finishNow(row.index, row.line, row.name, row.fields, {
          outcome: "created",
          id: decision.id,
          message: "created by an earlier run (found by listing)",
        });
        return true;
      case "updated-earlier":
        this.#finishNow(row.index, row.line, row.name, row.fields, {
          outcome: "updated",
          id: decision.id,
          message: "updated by an earlier run",
        });
        return true;
      case "skip":
        this.#finishNow(row.index, row.line, row.name, row.fields, {
          outcome: "skipped",
          id: decision.id,
          message: decision.message,
        });
        return true;
      case "exists-failed":
        this.#finishNow(row.index, row.line, row.name, row.fields, {
          outcome: "exists-failed",
          id: decision.id,
          reasons: ["name-exists"],
          message: "a template with this name exists (--on-existing fail)",
        });
        return true;
      case "ambiguous":
        this.#finishNow(row.index, row.line, row.name, row.fields, {
          outcome: "rejected",
          reasons: ["name-ambiguous"],
          message: `${decision.count} templates have this name; update one of them by hand`,
        });
        return true;
      case "create":
      case "update":
        return false;
    }
  }

  /**
   * Creates the template of a row, exactly once. Every send is preceded by an intent in the
   * journal; a send whose outcome is unknown (5xx, timeout, cut connection) is followed by
   * a List of the name before anything is sent again; throttling pauses the whole queue.
   */
  async #createRow(row: TemplateCsvRow, earlierIntents: number): Promise<Finished | undefined> {
    let intents = earlierIntents;
    let attempts = 0;
    let failures = 0;
    let throttled = 0;
    let mustReconcile = false;
    let lastError: unknown;
    while (failures < this.#settings.maxAttempts && throttled < MAX_THROTTLED_ROUNDS) {
      if (attempts > 0 || failures > 0) {
        const wait = lastError instanceof ApiError && lastError.kind === "throttling";
        const waited = wait
          ? await this.#queue.waitWhileThrottled(this.#stop.signal)
          : await sleep(backoffMs(failures + 1), this.#stop.signal);
        if (!waited) return undefined;
      }
      if (mustReconcile) {
        const found = await this.#reconcile(row);
        if (found === "stopped") return undefined;
        if (found === "unreachable") {
          failures++;
          lastError = new Error("could not list the name to settle an unknown outcome");
          continue;
        }
        mustReconcile = false;
        const id = found[0];
        if (id !== undefined) {
          if (intents >= 2 || found.length > 1) this.#sweep.set(row.line, { ...sweepOf(row), id });
          return this.#finished(row, attempts, {
            outcome: "created",
            id,
            message: "the answer was lost; found by listing",
          });
        }
      }
      if (this.#stop.signal.aborted) return undefined;
      intents++;
      this.#journal.intent(row.line, "create");
      attempts++;
      if (attempts === 1) this.#counts.sent++;
      else this.#counts.retried++;
      try {
        const created = await this.#writer.createPromptTemplate(
          { workspaceId: this.#settings.workspaceId, name: row.name, content: row.content },
          { signal: this.#requestAbort.signal },
        );
        const id = created.promptTemplateId;
        if (intents >= 2) this.#sweep.set(row.line, { ...sweepOf(row), id });
        return this.#finished(row, attempts, { outcome: "created", id });
      } catch (error) {
        lastError = error;
        const verdict = classifyWriteError(error, "create");
        switch (verdict) {
          case "rejected":
            return this.#finished(row, attempts, serviceRejection(error));
          case "fatal":
            this.#halt("failed", error);
            return undefined;
          case "aborted":
            if ((error as AbortError).delivery === "unknown") this.#journalUnknown(row, error);
            return undefined;
          case "throttled":
            throttled++;
            this.#queue.pauseFor(throttleDelay(error, throttled));
            break;
          case "retry":
            failures++;
            break;
          case "unknown":
            failures++;
            this.#journalUnknown(row, error);
            this.#counts.reconciled++;
            mustReconcile = true;
            break;
        }
      }
    }
    return this.#giveUp(row, attempts, lastError);
  }

  async #updateRow(row: TemplateCsvRow, id: string): Promise<Finished | undefined> {
    let attempts = 0;
    let failures = 0;
    let throttled = 0;
    let lastError: unknown;
    while (failures < this.#settings.maxAttempts && throttled < MAX_THROTTLED_ROUNDS) {
      if (attempts > 0) {
        const wait = lastError instanceof ApiError && lastError.kind === "throttling";
        const waited = wait
          ? await this.#queue.waitWhileThrottled(this.#stop.signal)
          : await sleep(backoffMs(failures + 1), this.#stop.signal);
        if (!waited) return undefined;
      }
      if (this.#stop.signal.aborted) return undefined;
      this.#journal.intent(row.line, "update");
      attempts++;
      if (attempts === 1) this.#counts.sent++;
      else this.#counts.retried++;
      try {
        // The name is the one it has already; only the content changes.
        await this.#writer.updatePromptTemplate(
          { workspaceId: this.#settings.workspaceId, promptTemplateId: id, content: row.content },
          { signal: this.#requestAbort.signal },
        );
        return this.#finished(row, attempts, { outcome: "updated", id });
      } catch (error) {
        lastError = error;
        switch (classifyWriteError(error, "update")) {
          case "rejected":
            return this.#finished(row, attempts, { ...serviceRejection(error), id });
          case "fatal":
            this.#halt("failed", error);
            return undefined;
          case "aborted":
            return undefined;
          case "throttled":
            throttled++;
            this.#queue.pauseFor(throttleDelay(error, throttled));
            break;
          // An Update sent twice leaves the same content: no reconciling needed.
          case "retry":
          case "unknown":
            failures++;
            break;
        }
      }
    }
    return this.#giveUp(row, attempts, lastError);
  }

  /**
   * Lists the row's name to find a template a Create with an unknown outcome may have made.
   * Returns the ids with this exact name and content (oldest first).
   */
  async #reconcile(row: TemplateCsvRow): Promise<string[] | "unreachable" | "stopped"> {
    try {
      // Reads (and the sweep's deletes) stop at once on a stop: repeating them is harmless.
      return await findExactTemplates(
        this.#reader,
        this.#settings.workspaceId,
        row.name,
        row.content,
        { signal: this.#stop.signal },
      );
    } catch (error) {
      if (this.#stop.signal.aborted || error instanceof AbortError) return "stopped";
      if (!isTransient(error)) {
        this.#halt("failed", error);
        return "stopped";
      }
      return "unreachable";
    }
  }

  /**
   * Rows sent more than once (an unknown outcome, a resumed intent) may have two copies if
   * a lost Create still committed after the List that looked for it. Each such name is
   * listed once more at the end, and copies other than the recorded one are deleted: the
   * name did not exist when the job chose to create it and no other row has it, so every
   * template with this name and content is the job's own.
   */
  async #sweepDuplicates(): Promise<void> {
    const settle = this.#lastUnknownAt + SWEEP_SETTLE_MS - Date.now();
    if (settle > 0 && !(await sleep(settle, this.#stop.signal))) return;
    const queue = this.#queue.queue;
    for (const candidate of this.#sweep.values()) {
      if (this.#stop.signal.aborted) break;
      queue
        .add(() => this.#sweepOne(candidate))
        .catch((error: unknown) => this.#halt("failed", error));
    }
    await queue.onIdle();
  }

  async #sweepOne(candidate: SweepCandidate): Promise<void> {
    if (this.#stop.signal.aborted) return;
    try {
      const ids = await findExactTemplates(
        this.#reader,
        this.#settings.workspaceId,
        candidate.name,
        candidate.content,
        { signal: this.#stop.signal },
      );
      const keep = ids.includes(candidate.id) ? candidate.id : ids[0];
      const removed: string[] = [];
      for (const id of ids) {
        if (id === keep) continue;
        try {
          await this.#reader.deletePromptTemplate(
            { workspaceId: this.#settings.workspaceId, promptTemplateId: id },
            { signal: this.#stop.signal },
          );
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
        }
        removed.push(id);
        this.#duplicatesRemoved++;
      }
      this.#journal.append({ kind: "swept", line: candidate.line, removed });
    } catch (error) {
      if (this.#stop.signal.aborted || error instanceof AbortError) return;
      // The next run of the same command sweeps this row again.
      if (!isTransient(error)) this.#halt("failed", error);
    }
  }

  /** Waits for the rows in flight; after a stop, cuts those still running past the grace. */
  async #settleQueue(): Promise<void> {
    const queue = this.#queue.queue;
    await this.#untilStopped(queue.onIdle());
    if (this.#stop.signal.aborted) {
      this.#queue.dispose();
      const idle = queue.onIdle().then(() => true);
      const graceOver = new Promise<boolean>((resolve) =>
        setTimeout(() => resolve(false), this.#settings.shutdownGraceMs).unref(),
      );
      if (!(await Promise.race([idle, graceOver]))) {
        this.#requestAbort.abort(new Error("the import was stopped"));
        await queue.onIdle();
      }
    }
  }

  #halt(status: Exclude<ImportStatus, "completed">, error?: unknown): void {
    if (this.#stop.signal.aborted) return;
    this.#status = status;
    if (error !== undefined) this.#error = describeError(error);
    this.#stop.abort();
  }

  #onReadRetry(error: PromptmillError, delayMs: number): void {
    this.#counts.retried++;
    if (error instanceof ApiError && error.kind === "throttling") this.#queue.pauseFor(delayMs);
  }

  #journalUnknown(row: TemplateCsvRow, error: unknown): void {
    this.#lastUnknownAt = Date.now();
    this.#journal.append({ kind: "unknown", line: row.line, error: describeError(error).name });
  }

  #finished(row: TemplateCsvRow, attempts: number, outcome: OutcomeFields): Finished {
    this.#consecutiveFailures = 0;
    return this.#record(row.line, row.name, row.fields, outcome, attempts);
  }

  /** The row could not be sent for now: reported as rejected, journaled as retryable. */
  #giveUp(row: TemplateCsvRow, attempts: number, lastError: unknown): Finished {
    const message = `gave up after ${attempts} attempt(s): ${describeError(lastError).message}`;
    this.#journal.append({
      kind: "failed",
      line: row.line,
      reasons: ["retries-exhausted"],
      message,
    });
    this.#counts.failed++;
    this.#count("rejected");
    this.#finishedThisRun++;
    this.#consecutiveFailures++;
    if (this.#consecutiveFailures >= CONSECUTIVE_FAILURES_PER_SLOT * this.#settings.concurrency) {
      this.#halt("failed", lastError);
    }
    return {
      result: {
        line: row.line,
        name: row.name,
        outcome: "rejected",
        promptTemplateId: undefined,
        reasons: ["retries-exhausted"],
        message,
        attempts,
      },
      fields: row.fields,
    };
  }

  #finishNow(
    index: number,
    line: number,
    name: string,
    fields: readonly string[],
    outcome: OutcomeFields,
  ): void {
    this.#ordered.complete(index, this.#record(line, name, fields, outcome, 0));
  }

  /** Journals an outcome, counts it, and returns it as a report row. */
  #record(
    line: number,
    name: string,
    fields: readonly string[],
    outcome: OutcomeFields,
    attempts: number,
  ): Finished {
    this.#journal.append({
      kind: "outcome",
      line,
      outcome: outcome.outcome,
      id: outcome.id,
      reasons: outcome.reasons,
      message: outcome.message,
      attempts,
    });
    this.#finishedThisRun++;
    this.#count(outcome.outcome);
    return {
      result: {
        line,
        name,
        outcome: outcome.outcome,
        promptTemplateId: outcome.id,
        reasons: outcome.reasons ?? [],
        message: outcome.message ?? "",
        attempts,
      },
      fields,
    };
  }

  #complete(index: number, result: RowResult, fields: readonly string[], thisRun: boolean): void {
    if (thisRun) this.#finishedThisRun++;
    this.#count(result.outcome);
    this.#ordered.complete(index, { result, fields });
  }

  #count(outcome: RowResult["outcome"]): void {
    switch (outcome) {
      case "created":
        this.#counts.created++;
        break;
      case "updated":
        this.#counts.updated++;
        break;
      case "skipped":
        this.#counts.skipped++;
        break;
      case "rejected":
        this.#counts.rejected++;
        break;
      case "exists-failed":
        this.#counts.existsFailed++;
        break;
    }
  }

  #write({ result, fields }: Finished): void {
    const reasons = result.reasons.join(";");
    this.#report.write([
      String(result.line),
      result.name,
      result.outcome,
      result.promptTemplateId ?? "",
      reasons,
      result.message,
      String(result.attempts),
    ]);
    if (result.outcome !== "rejected" && result.outcome !== "exists-failed") return;
    const width = this.#columns.length;
    const cells = Array.from({ length: width }, (_, i) => fields[i] ?? "");
    const extra = fields.slice(width);
    const message =
      extra.length > 0
        ? `${result.message}; fields beyond the header: ${JSON.stringify(extra)}`
        : result.message;
    this.#rejects.write([...cells, String(result.line), reasons, message]);
  }

  #finishFiles(): void {
    this.#ordered.flushWaiting();
    this.#report.close();
    this.#rejects.close();
    this.#journal.append({ kind: "end", status: this.#status, at: new Date().toISOString() });
    this.#journal.close();
    this.#queue.dispose();
  }

  #progress(): ImportProgress {
    const elapsedMs = Date.now() - this.#started;
    return {
      ...this.#counts,
      phase: this.#phase,
      bytesRead: this.#bytesRead,
      totalBytes: this.#settings.inputSize,
      inFlight: this.#inFlight,
      elapsedMs,
      rowsPerSecond: rate(this.#finishedThisRun, elapsedMs),
      throttledUntil: this.#queue.throttledUntil,
    };
  }

  #emitProgress(): void {
    this.#options.onProgress?.(this.#progress());
  }

  #summary(): ImportSummary {
    const durationMs = Date.now() - this.#started;
    return {
      status: this.#status,
      ...this.#counts,
      input: this.#settings.inputPath,
      workspaceId: this.#settings.workspaceId,
      endpoint: this.#writer.endpoint,
      reportFile: this.#settings.reportFile,
      rejectFile: this.#settings.rejectFile,
      journalFile: this.#settings.journalFile,
      resumed: this.#journal.resumed,
      doneEarlier: this.#doneEarlier,
      duplicatesRemoved: this.#duplicatesRemoved,
      durationMs,
      rowsPerSecond: rate(this.#finishedThisRun, durationMs),
      ...(this.#error === undefined ? {} : { error: this.#error }),
    };
  }
}

interface OutcomeFields {
  readonly outcome: RowResult["outcome"];
  readonly id?: string | undefined;
  readonly reasons?: readonly RejectReason[] | undefined;
  readonly message?: string | undefined;
}

type WriteVerdict = "rejected" | "fatal" | "aborted" | "throttled" | "retry" | "unknown";

/**
 * What a failed Create or Update means for the row:
 * - `rejected`: the service refused this row (4xx validation): report it, do not retry;
 * - `fatal`: credentials, permissions, a wrong endpoint: no row can succeed, stop the job;
 * - `throttled`: the gateway turned it away before the service acted: wait, send again;
 * - `retry`: it certainly did not reach the service (or, for an Update, repeating is
 *   harmless): back off, send again;
 * - `unknown`: a Create that may have been applied (5xx, timeout, cut connection, a 2xx we
 *   could not read): list the name before sending again.
 */
function classifyWriteError(error: unknown, operation: "create" | "update"): WriteVerdict {
  if (error instanceof AbortError) return "aborted";
  if (error instanceof ApiError) {
    switch (error.kind) {
      case "throttling":
        return "throttled";
      case "validation":
      case "too-large":
        return "rejected";
      // A template deleted since the job listed it: this row's problem, not the job's.
      case "not-found":
        return operation === "update" && error.code.startsWith("PromptTemplate.")
          ? "rejected"
          : "fatal";
      case "auth":
      case "forbidden":
        return "fatal";
      case "server":
        return operation === "create" ? "unknown" : "retry";
    }
  }
  if (error instanceof ConnectionError) {
    return error.delivery === "not-sent" || operation === "update" ? "retry" : "unknown";
  }
  if (error instanceof TimeoutError) return operation === "create" ? "unknown" : "retry";
  if (PromptmillError.isInstance(error) && error.name === "ResponseValidationError") {
    return operation === "create" ? "unknown" : "retry";
  }
  return "fatal";
}

/** Errors worth another round later: throttling, 5xx, connection trouble, timeouts. */
function isTransient(error: unknown): boolean {
  if (error instanceof ApiError) return error.retryable;
  return error instanceof ConnectionError || error instanceof TimeoutError;
}

function throttleDelay(error: unknown, round: number): number {
  if (error instanceof ApiError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return backoffMs(round + 1);
}

function serviceRejection(error: unknown): OutcomeFields {
  const api = error as ApiError;
  return {
    outcome: "rejected",
    reasons: ["service-rejected"],
    message: `${api.code}: ${api.serviceMessage}${api.requestId ? ` (request ${api.requestId})` : ""}`,
  };
}

function describeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof ApiError)
    return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

function fromJournal(
  line: number,
  name: string,
  outcome: Extract<JournalRecord, { kind: "outcome" }>,
): RowResult {
  return {
    line,
    name,
    outcome: outcome.outcome,
    promptTemplateId: outcome.id,
    reasons: outcome.reasons ?? [],
    message: outcome.message ?? "",
    attempts: outcome.attempts ?? 0,
  };
}

function sweepOf(row: TemplateCsvRow): Omit<SweepCandidate, "id"> {
  return { line: row.line, name: row.name, content: row.content };
}

function rate(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows * 1000 * 10) / ms) / 10 : 0;
}

/** The input file as chunks, telling `onBytes` how much was read (for progress). */
async function* countBytes(
  path: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    onBytes((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}
