import {
  AbortError,
  ApiError,
  ModelStudioClient,
  NotFoundError,
  type PromptmillError,
  type RetrySettings,
} from "@promptmill/core";
import { ImportFileError, ImportSetupError } from "../errors.js";
import type { ImportOptions } from "../import-options.js";
import type { ImportPhase, ImportProgress } from "../import-progress.js";
import type { ImportStatus, ImportSummary } from "../import-summary.js";
import { countCsvRows } from "./count-csv-rows.js";
import { decideRow } from "./decide-row.js";
import { settledEnd } from "./decision-outcome.js";
import { findExactTemplates, type NameFacts } from "./existing-templates.js";
import { JobLedger } from "./job-ledger.js";
import { JobReports } from "./job-reports.js";
import { type JobSettings, jobCredentials, jobSettings } from "./job-settings.js";
import { Journal, type JournalRowState } from "./journal.js";
import { refuseLegacyJournal } from "./legacy-journal.js";
import type { NearDuplicate } from "./near-duplicates.js";
import { assembleFacts, needsWorkspace } from "./row-facts.js";
import { isTransient, RowSender, type SendResult } from "./row-sender.js";
import { RowSource, type SourceRow } from "./row-source.js";
import { SendQueue, sleep } from "./send-queue.js";
import { openWorkspaceView, type WorkspaceView } from "./workspace-view.js";

/** A row whose template was sent more than once: its copies are looked for at the end. */
interface SweepCandidate {
  readonly digest: string;
  readonly name: string;
  readonly content: string;
  readonly id: string;
}

/** Rows held for ordering before the reader waits: far more than a retrying row delays. */
const REORDER_WINDOW = 20_000;

/** After this many rows in a row end `retries-exhausted`, the service is taken to be down. */
const CONSECUTIVE_FAILURES_PER_SLOT = 2;

/**
 * Time left for a Create whose answer was lost to still commit before its duplicates are
 * swept (see the README, "The race").
 */
const SWEEP_SETTLE_MS = 1_000;

/** Backoff between a row's rounds: core's rule, with a lower cap (rows retry many times). */
const ROW_RETRY: RetrySettings = { limit: 0, backoffLimitMs: 5_000, maxRetryAfterMs: 30_000 };

/**
 * One run of an import job. The parts, each in its own file: reading and checking rows
 * (`RowSource`), learning what the workspace holds (`WorkspaceView`), the pure decision
 * (`decideRow`), sending (`RowSender`), bookkeeping (`JobLedger`: journal, counts, order) and
 * reports (`JobReports`). This class wires them together: it reads, decides, hands rows to be
 * sent, sweeps, and says how the run ended.
 */
export class ImportJob {
  readonly #settings: JobSettings;
  readonly #options: ImportOptions;
  readonly #writer: ModelStudioClient;
  readonly #reader: ModelStudioClient;
  readonly #journal: Journal;
  readonly #source: RowSource;
  readonly #reports: JobReports;
  readonly #ledger: JobLedger;
  readonly #queue: SendQueue;
  readonly #sender: RowSender;
  /** Stops reading rows and starting requests: interrupt or fatal error. */
  readonly #stop = new AbortController();
  /** Cuts requests still in flight when the grace period after a stop is over. */
  readonly #cut = new AbortController();
  /** Ends the waits of `#untilStopped` on a stop. */
  readonly #stopWaits = new Set<() => void>();
  readonly #sweep = new Map<string, SweepCandidate>();
  readonly #started = Date.now();
  #status: ImportStatus = "completed";
  #error: ImportSummary["error"];
  #phase: ImportPhase = "starting";
  #rowsTotal: number;
  #view: WorkspaceView | undefined;
  #templatesListed = 0;
  #templatesTotal: number | undefined;
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
    source: RowSource;
    reports: JobReports;
    rowsEstimate: number;
  }) {
    this.#settings = init.settings;
    this.#options = init.options;
    this.#writer = init.writer;
    this.#reader = init.reader;
    this.#journal = init.journal;
    this.#source = init.source;
    this.#reports = init.reports;
    this.#rowsTotal = init.rowsEstimate;
    this.#ledger = new JobLedger(init.journal, init.reports);
    this.#stop.signal.addEventListener(
      "abort",
      () => {
        for (const wake of this.#stopWaits) wake();
        this.#stopWaits.clear();
      },
      { once: true },
    );
    this.#queue = new SendQueue({
      concurrency: init.settings.concurrency,
      requestsPerSecond: init.settings.requestsPerSecond,
    });
    const counts = this.#ledger.counts;
    this.#sender = new RowSender({
      workspaceId: init.settings.workspaceId,
      writer: init.writer,
      reader: init.reader,
      journal: init.journal,
      queue: this.#queue,
      stop: this.#stop.signal,
      cut: this.#cut.signal,
      maxAttempts: init.settings.maxAttempts,
      retry: ROW_RETRY,
      onAttempt: (first) => {
        if (first) counts.sent++;
        else counts.retried++;
      },
      onUnknown: (reconciling) => {
        this.#lastUnknownAt = Date.now();
        if (reconciling) counts.reconciled++;
      },
    });
  }

  /**
   * Everything that can go wrong before anything is sent: options, input, header, journal,
   * credentials. Throws ImportSetupError (and its subclasses) for those; leaves nothing open.
   */
  static async prepare(options: ImportOptions): Promise<ImportJob> {
    // The endpoint names the job's files; resolving it reads no credentials.
    const endpoint = new ModelStudioClient({ endpoint: options.endpoint }).endpoint;
    const settings = jobSettings(options, endpoint);
    const credentials = await jobCredentials(options);
    const common = {
      endpoint: options.endpoint,
      credentials,
      timeoutMs: options.timeoutMs,
      userAgent: "promptmill-importer",
    };
    // Writes are not retried by the client: the job retries them itself, so that it can
    // pause every row on throttling, settle a Create with an unknown outcome before sending
    // it again, and count each row's attempts.
    const writer = new ModelStudioClient({ ...common, retry: false });
    let job: ImportJob | undefined;
    const reader = new ModelStudioClient({
      ...common,
      onRetry: (event) => {
        if (job !== undefined) job.#onReadRetry(event.error, event.delayMs);
      },
    });
    refuseLegacyJournal(settings.legacyJournalFile);
    const rowsEstimate = await countCsvRows(settings.inputPath);

    let source: RowSource | undefined;
    let journal: Journal | undefined;
    try {
      source = await RowSource.open(settings.inputPath, {
        allowUnknownColumns: settings.allowUnknownColumns,
        maxFieldBytes: settings.maxFieldBytes,
        limits: settings.limits,
      });
      journal = await Journal.open(settings.journalFile, settings.target, {
        onError: (error) => {
          if (job !== undefined) job.#halt("failed", error);
        },
      });
      const reports = JobReports.open(settings.reportFile, settings.rejectFile, source.columns);
      job = new ImportJob({
        settings,
        options,
        writer,
        reader,
        journal,
        source,
        reports,
        rowsEstimate,
      });
      return job;
    } catch (error) {
      try {
        journal?.close();
      } catch {
        // The error that stopped the setup is the one to report.
      }
      await source?.close();
      if (error instanceof ImportFileError) {
        throw new ImportSetupError(error.detail, { cause: error });
      }
      if ((error as NodeJS.ErrnoException).syscall !== undefined) {
        const path = (error as NodeJS.ErrnoException).path ?? settings.journalFile;
        throw new ImportSetupError(`cannot write ${path}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      throw error;
    }
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
      this.#journal.append({
        kind: "run",
        startedAt: new Date(this.#started).toISOString(),
        pid: process.pid,
        input: this.#settings.inputPath,
        onExisting: this.#settings.onExisting,
      });
      this.#view = await this.#openView();
      if (this.#view !== undefined) {
        this.#phase = "importing";
        await this.#importRows(this.#view);
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
      await this.#finishFiles();
    }
    this.#phase = "done";
    this.#emitProgress();
    return this.#summary();
  }

  /** Learns how to find what exists; undefined when the job was stopped meanwhile. */
  async #openView(): Promise<WorkspaceView | undefined> {
    for (let round = 1; ; round++) {
      try {
        return await openWorkspaceView(this.#reader, this.#settings.workspaceId, this.#rowsTotal, {
          signal: this.#stop.signal,
          onStrategy: (strategy, templateCount) => {
            this.#templatesTotal = templateCount;
            if (strategy === "listing") this.#phase = "listing";
          },
          onListed: (templates) => {
            this.#templatesListed = templates;
          },
        });
      } catch (error) {
        if (this.#stop.signal.aborted) return undefined;
        // The client has already retried what is worth retrying; one more round covers a
        // service that was briefly away, and then the job cannot start.
        if (round >= 2 || !isTransient(error)) {
          this.#halt("failed", error);
          return undefined;
        }
        this.#ledger.counts.retried++;
        const delay = 200 + Math.floor(Math.random() * 200);
        if (!(await sleep(delay, this.#stop.signal))) return undefined;
      }
    }
  }

  async #importRows(view: WorkspaceView): Promise<void> {
    const queue = this.#queue.queue;
    const counts = this.#ledger.counts;
    let readToTheEnd = true;
    for await (const row of this.#source.rows()) {
      if (this.#stop.signal.aborted) {
        readToTheEnd = false;
        break;
      }
      counts.rowsRead++;
      if (counts.rowsRead > this.#rowsTotal) this.#rowsTotal = counts.rowsRead;
      const journal = row.digest === undefined ? undefined : this.#journal.previous.get(row.digest);
      if (!needsWorkspace(row, journal)) {
        this.#decide(row, journal, undefined);
      } else if (view.strategy === "listing") {
        const send = this.#decide(row, journal, view.facts(row.name) as NameFacts);
        if (send !== undefined) this.#enqueue(send);
      } else {
        // Looking the name up is a request: it takes a slot of the queue like a send.
        this.#enqueue(async () => {
          if (this.#stop.signal.aborted) return;
          let facts: NameFacts;
          try {
            facts = await view.facts(row.name, { signal: this.#stop.signal });
          } catch (error) {
            if (this.#stop.signal.aborted || error instanceof AbortError) return;
            throw error;
          }
          await this.#decide(row, journal, facts)?.();
        });
      }
      if (queue.size >= this.#settings.concurrency) {
        await this.#untilStopped(queue.onSizeLessThan(this.#settings.concurrency));
      }
      if (this.#ledger.waiting >= REORDER_WINDOW) {
        await this.#untilStopped(this.#ledger.whenDrained());
      }
    }
    if (readToTheEnd && !this.#stop.signal.aborted) this.#rowsTotal = counts.rowsRead;
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue.queue
      .add(async () => {
        this.#inFlight++;
        try {
          await task();
        } finally {
          this.#inFlight--;
        }
      })
      .catch((error: unknown) => this.#halt("failed", error));
  }

  /**
   * Decides a row: settles it at once when no request is needed, or returns the send to run.
   * The decision itself is `decideRow`'s, the same the dry run makes.
   */
  #decide(
    row: SourceRow,
    journal: JournalRowState | undefined,
    workspace: NameFacts | undefined,
  ): (() => Promise<void>) | undefined {
    const { facts, nearDuplicates } = assembleFacts(row, journal, workspace, this.#settings);
    const decision = decideRow(facts);
    this.#ledger.counts.rowsDecided++;
    // Swept again on every run, not only until a first sweep: a Create that commits very late
    // is still found by the next run of the same command.
    const sentRepeatedly = journal !== undefined && journal.createIntents >= 2;
    if (decision.action === "create") {
      return () => this.#send(row, nearDuplicates, journal?.createIntents ?? 0, undefined);
    }
    if (decision.action === "update") {
      return () => this.#send(row, nearDuplicates, 0, decision.id);
    }
    if (decision.action === "adopt") {
      this.#ledger.counts.reconciled++;
      if (sentRepeatedly || decision.copies > 1) this.#addSweep(row, decision.id);
    }
    if (
      decision.action === "done" &&
      sentRepeatedly &&
      decision.outcome.outcome === "created" &&
      decision.outcome.id !== undefined
    ) {
      this.#addSweep(row, decision.outcome.id);
    }
    this.#ledger.finish(row, {
      ...(settledEnd(decision) as NonNullable<ReturnType<typeof settledEnd>>),
      nearDuplicates,
    });
    return undefined;
  }

  async #send(
    row: SourceRow,
    nearDuplicates: readonly NearDuplicate[],
    earlierIntents: number,
    updateId: string | undefined,
  ): Promise<void> {
    const toSend = {
      digest: row.digest as string,
      name: row.name,
      content: row.row?.content ?? "",
    };
    const result =
      updateId === undefined
        ? await this.#sender.create(toSend, earlierIntents)
        : await this.#sender.update(toSend, updateId);
    this.#record(row, nearDuplicates, result);
  }

  #record(row: SourceRow, nearDuplicates: readonly NearDuplicate[], result: SendResult): void {
    switch (result.kind) {
      case "created":
        this.#consecutiveFailures = 0;
        if (result.sentRepeatedly) this.#addSweep(row, result.id);
        this.#ledger.finish(row, {
          outcome: "created",
          id: result.id,
          message: result.message,
          attempts: result.attempts,
          final: true,
          nearDuplicates,
        });
        return;
      case "updated":
        this.#consecutiveFailures = 0;
        this.#ledger.finish(row, {
          outcome: "updated",
          id: result.id,
          attempts: result.attempts,
          final: true,
          nearDuplicates,
        });
        return;
      case "refused": {
        this.#consecutiveFailures = 0;
        const { error } = result;
        this.#ledger.finish(row, {
          outcome: "rejected",
          reasons: ["service-rejected"],
          message: `${error.code}: ${error.serviceMessage}${error.requestId ? ` (request ${error.requestId})` : ""}`,
          attempts: result.attempts,
          // Refused for what the row holds: the same row would be refused again. A template
          // deleted since the job looked (404) is decided afresh next time.
          final: error.kind === "validation" || error.kind === "too-large",
          nearDuplicates,
        });
        return;
      }
      case "gave-up": {
        const message = `gave up after ${result.attempts} attempt(s): ${describeError(result.error).message}`;
        this.#ledger.giveUp(row, result.attempts, message, nearDuplicates);
        this.#consecutiveFailures++;
        if (
          this.#consecutiveFailures >=
          CONSECUTIVE_FAILURES_PER_SLOT * this.#settings.concurrency
        ) {
          this.#halt("failed", result.error);
        }
        return;
      }
      case "fatal":
        this.#halt("failed", result.error);
        return;
      case "stopped":
        return;
    }
  }

  #addSweep(row: SourceRow, id: string): void {
    if (row.digest === undefined || row.row === undefined) return;
    this.#sweep.set(row.digest, {
      digest: row.digest,
      name: row.name,
      content: row.row.content,
      id,
    });
  }

  /**
   * Waits for `promise` or the stop, whichever comes first. (Not Promise.race with one
   * long-lived "stopped" promise: each race would leave a reaction on it, one per row. Nor a
   * listener on the signal per wait: the reader waits once per row, and adding and removing
   * an abort listener costs more than the rest of the wait; one listener ends them all.)
   */
  #untilStopped(promise: Promise<unknown>): Promise<void> {
    if (this.#stop.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      this.#stopWaits.add(resolve);
      promise.then(() => {
        this.#stopWaits.delete(resolve);
        resolve();
      });
    });
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
    const { workspaceId } = this.#settings;
    try {
      const ids = await findExactTemplates(
        this.#reader,
        workspaceId,
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
            { workspaceId, promptTemplateId: id },
            { signal: this.#stop.signal },
          );
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
        }
        removed.push(id);
        this.#duplicatesRemoved++;
      }
      this.#journal.append({ kind: "swept", row: candidate.digest, removed });
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
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<boolean>((resolve) => {
        graceTimer = setTimeout(() => resolve(false), this.#settings.shutdownGraceMs);
        graceTimer.unref();
      });
      const finished = await Promise.race([idle, graceOver]);
      clearTimeout(graceTimer);
      if (!finished) {
        this.#cut.abort(new Error("the import was stopped"));
        await queue.onIdle();
      }
    }
  }

  /**
   * Closes every file, each even when another fails: the report and reject file get every
   * finished row, the journal an end record. A failure here fails the run if nothing had.
   */
  async #finishFiles(): Promise<void> {
    const attempt = (step: () => void) => {
      try {
        step();
      } catch (error) {
        this.#halt("failed", error);
      }
    };
    attempt(() => this.#ledger.flush());
    attempt(() => this.#reports.close());
    attempt(() =>
      this.#journal.append({ kind: "end", status: this.#status, at: new Date().toISOString() }),
    );
    attempt(() => this.#journal.close());
    this.#queue.dispose();
    await this.#source.close();
  }

  #halt(status: Exclude<ImportStatus, "completed">, error?: unknown): void {
    if (this.#stop.signal.aborted) {
      // A file that fails while the job stops (after an interrupt) still fails the run: the
      // journal or report may be incomplete, and the summary must say so.
      if (error instanceof ImportFileError && this.#error?.name !== "ImportFileError") {
        this.#status = "failed";
        this.#error = describeError(error);
      }
      return;
    }
    this.#status = status;
    if (error !== undefined) this.#error = describeError(error);
    this.#stop.abort();
  }

  #onReadRetry(error: PromptmillError, delayMs: number): void {
    this.#ledger.counts.retried++;
    if (error instanceof ApiError && error.kind === "throttling") this.#queue.pauseFor(delayMs);
  }

  #progress(): ImportProgress {
    const elapsedMs = Date.now() - this.#started;
    return {
      ...this.#ledger.counts,
      phase: this.#phase,
      rowsTotal: this.#rowsTotal,
      rowsDone: this.#ledger.rowsDone,
      templatesListed: this.#templatesListed,
      templatesTotal: this.#templatesTotal,
      inFlight: this.#inFlight,
      elapsedMs,
      rowsPerSecond: rate(this.#ledger.finishedThisRun, elapsedMs),
      throttledUntil: this.#queue.throttledUntil,
    };
  }

  #emitProgress(): void {
    try {
      this.#options.onProgress?.(this.#progress());
    } catch (error) {
      this.#halt("failed", error);
    }
  }

  #summary(): ImportSummary {
    const durationMs = Date.now() - this.#started;
    return {
      status: this.#status,
      ...this.#ledger.counts,
      input: this.#settings.inputPath,
      workspaceId: this.#settings.workspaceId,
      endpoint: this.#writer.endpoint,
      reportFile: this.#settings.reportFile,
      rejectFile: this.#settings.rejectFile,
      journalFile: this.#settings.journalFile,
      resumed: this.#journal.resumed,
      doneEarlier: this.#ledger.doneEarlier,
      duplicatesRemoved: this.#duplicatesRemoved,
      existingStrategy: this.#view?.strategy,
      existingTemplates: this.#templatesTotal,
      existingRequests: this.#view?.requests ?? 0,
      durationMs,
      rowsPerSecond: rate(this.#ledger.finishedThisRun, durationMs),
      ...(this.#error === undefined ? {} : { error: this.#error }),
    };
  }
}

function describeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof ApiError) {
    return { name: error.name, message: error.message, code: error.code };
  }
  if (error instanceof ImportFileError) {
    return { name: error.name, message: error.message, code: error.code };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

function rate(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows * 1000 * 10) / ms) / 10 : 0;
}
