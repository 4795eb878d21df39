import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelStudioClientOptions } from "@promptmill/core";
import type {
  ImportOptions,
  ImportPlan,
  ImportProgress,
  ImportSummary,
  OnExisting,
} from "@promptmill/importer";

/** Rows of each action the page lists; the counts cover every row, the plan file every row. */
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

/** One upload of a CSV file and what became of it. */
export interface ImportJob {
  /** The hash of the upload's bytes: the same bytes are the same job. */
  readonly id: string;
  /** The name the file had on the user's machine. */
  readonly fileName: string;
  readonly directory: string;
  readonly input: string;
  readonly journalFile: string;
  readonly planFile: string;
  onExisting: OnExisting;
  plan: ImportPlan | undefined;
  running: Promise<void> | undefined;
  progress: ImportProgress | undefined;
  summary: ImportSummary | undefined;
  /** Why the job could not start or stopped at once (a file it could not use). */
  failure: { name: string; message: string } | undefined;
}

/** Loaded on the first import, not with the console: browsing needs none of the CSV machinery. */
const importer = () => import("@promptmill/importer");

/** A file name that is safe as a directory name on every system, and still readable. */
function directoryName(fileName: string): string {
  const base = fileName.replace(/\.csv$/i, "").replace(/[^\p{L}\p{N}._-]+/gu, "-");
  return base.replace(/^[.-]+/, "") || "templates";
}

/**
 * The imports of one console, with the guarantees of `promptmill import FILE` run again and
 * again in one place: uploads of a file with the same name share a directory and one journal
 * per target (the engine identifies rows by their content, so an edited file sends only what
 * changed, and an interrupted import resumes without creating anything twice). Each upload's
 * bytes are kept apart, so a plan is always applied to the file it was made from. Planning and
 * applying are the importer's `planImport` and `runImport`, unchanged.
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
    const { targetLabel } = await importer();
    const directory = join(this.#directory, directoryName(fileName));
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const input = join(directory, `${id}.csv`);
    await writeFile(input, bytes, { mode: 0o600 });
    const job: ImportJob = {
      id,
      fileName: fileName || "templates.csv",
      directory,
      input,
      journalFile: join(directory, `${targetLabel(this.#connection)}.journal`),
      planFile: join(directory, `${id}.plan.csv`),
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
      journalFile: job.journalFile,
      onExisting: job.onExisting,
      signal: this.#stop.signal,
    };
  }

  /**
   * The dry run: every check, what a run would do now; it writes only the full plan file. A
   * file the importer refuses before looking at rows (a header it cannot use) is a result,
   * not an exception; service errors are thrown.
   */
  async plan(job: ImportJob, onExisting: OnExisting): Promise<PlanResult> {
    const { ImportSetupError, planImport } = await importer();
    job.onExisting = onExisting;
    job.plan = undefined;
    try {
      job.plan = await planImport({
        ...this.#options(job),
        examplesPerAction: PLAN_ROWS_PER_ACTION,
        planFile: job.planFile,
      });
      return { plan: job.plan };
    } catch (error) {
      if (!(error instanceof ImportSetupError)) throw error;
      return { setupError: { name: error.name, message: error.message } };
    }
  }

  /** Another upload of the same file name being imported: they share a journal. */
  busyWith(job: ImportJob): ImportJob | undefined {
    for (const other of this.#jobs.values()) {
      if (other !== job && other.directory === job.directory && this.#isRunning(other)) {
        return other;
      }
    }
    return undefined;
  }

  #isRunning(job: ImportJob): boolean {
    return job.running !== undefined && job.summary === undefined && job.failure === undefined;
  }

  /** Starts the import in the background; progress and the summary land on the job. */
  apply(job: ImportJob): void {
    if (this.#isRunning(job)) return;
    job.progress = undefined;
    job.summary = undefined;
    job.failure = undefined;
    job.running = (async () => {
      try {
        const { runImport } = await importer();
        job.summary = await runImport({
          ...this.#options(job),
          onProgress: (progress) => {
            job.progress = progress;
          },
        });
      } catch (error) {
        job.failure =
          error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: "Error", message: String(error) };
      }
    })();
  }

  /** Stops running imports the way Ctrl-C stops `promptmill import`: journal written, resumable. */
  async close(): Promise<void> {
    this.#stop.abort();
    await Promise.allSettled([...this.#jobs.values()].map((job) => job.running));
  }
}
