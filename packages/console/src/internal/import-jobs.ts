import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelStudioClientOptions } from "@promptmill/core";
import type {
  ImportOptions,
  ImportPlan,
  ImportProgress,
  ImportSummary,
  OnExisting,
} from "@promptmill/importer";

/** Rows of each action the plan lists; the counts cover every row. */
const PLAN_ROWS_PER_ACTION = 100;

export interface ImportConnection {
  readonly workspaceId: string;
  readonly endpoint: string;
  readonly credentials: ModelStudioClientOptions["credentials"];
}

/** The outcome of a dry run: the plan, or why the file cannot be imported as it is. */
export type PlanResult =
  | { readonly plan: ImportPlan; readonly setupError?: undefined }
  | { readonly plan?: undefined; readonly setupError: { name: string; message: string } };

/** Loaded on the first import, not with the console: browsing needs none of the CSV machinery. */
const importer = () => import("@promptmill/importer");

/** One uploaded CSV and what became of it. */
export interface ImportJob {
  readonly id: string;
  /** The name the file had on the user's machine (for display and downloads only). */
  readonly fileName: string;
  readonly input: string;
  onExisting: OnExisting;
  plan: ImportPlan | undefined;
  running: Promise<void> | undefined;
  progress: ImportProgress | undefined;
  summary: ImportSummary | undefined;
  /** A setup error (bad header, journal of another job): the job did not start. */
  failure: { name: string; message: string } | undefined;
}

/**
 * The imports of one console. Each upload is stored under the work directory by the hash of
 * its bytes, so the same file uploaded again is the same job: its journal is found and an
 * interrupted import resumes without creating anything twice, as `promptmill import` does when
 * run again. Planning and applying are the importer's `planImport` and `runImport`, unchanged.
 */
export class ImportJobs {
  readonly #jobs = new Map<string, ImportJob>();
  readonly #connection: ImportConnection;
  readonly #directory: string;
  readonly #stop = new AbortController();

  constructor(connection: ImportConnection, workDirectory: string) {
    this.#connection = connection;
    this.#directory = join(workDirectory, "imports");
  }

  get(id: string): ImportJob | undefined {
    return this.#jobs.get(id);
  }

  async upload(fileName: string, bytes: Uint8Array): Promise<ImportJob> {
    const id = createHash("sha256").update(bytes).digest("hex").slice(0, 24);
    const existing = this.#jobs.get(id);
    if (existing) return existing;
    const directory = join(this.#directory, id);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const input = join(directory, "templates.csv");
    const same = await readFile(input).then(
      (stored) => Buffer.compare(stored, bytes) === 0,
      () => false,
    );
    if (!same) await writeFile(input, bytes, { mode: 0o600 });
    const job: ImportJob = {
      id,
      fileName: fileName || "templates.csv",
      input,
      onExisting: "skip",
      plan: undefined,
      running: undefined,
      progress: undefined,
      summary: undefined,
      failure: undefined,
    };
    this.#jobs.set(id, job);
    return job;
  }

  #options(job: ImportJob): ImportOptions {
    return {
      input: job.input,
      workspaceId: this.#connection.workspaceId,
      endpoint: this.#connection.endpoint,
      credentials: this.#connection.credentials,
      onExisting: job.onExisting,
      signal: this.#stop.signal,
    };
  }

  /**
   * The dry run: every check, nothing written. A file the importer refuses before looking at
   * rows (a header it cannot use, a journal of another job) is a result, not an exception;
   * service errors are thrown.
   */
  async plan(job: ImportJob, onExisting: OnExisting): Promise<PlanResult> {
    const { ImportSetupError, planImport } = await importer();
    job.onExisting = onExisting;
    job.plan = undefined;
    try {
      job.plan = await planImport({
        ...this.#options(job),
        examplesPerAction: PLAN_ROWS_PER_ACTION,
      });
      return { plan: job.plan };
    } catch (error) {
      if (!(error instanceof ImportSetupError)) throw error;
      return { setupError: { name: error.name, message: error.message } };
    }
  }

  /** Starts the import in the background; progress and the summary land on the job. */
  apply(job: ImportJob): void {
    if (job.running && job.summary === undefined && job.failure === undefined) return;
    job.progress = undefined;
    job.summary = undefined;
    job.failure = undefined;
    job.running = (async () => {
      const { runImport } = await importer();
      try {
        job.summary = await runImport({
          ...this.#options(job),
          onProgress: (progress) => {
            job.progress = progress;
          },
        });
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        job.failure = { name: error.name, message: error.message };
      }
    })();
  }

  /** Stops running imports the way Ctrl-C stops `promptmill import`: journal written, resumable. */
  async close(): Promise<void> {
    this.#stop.abort();
    await Promise.allSettled([...this.#jobs.values()].map((job) => job.running));
  }
}
