import type { ModelStudioClientOptions } from "@promptmill/core";
import type { ImportProgress } from "./import-progress.js";

/** What to do with a row whose name a Custom template in the workspace already has. */
export type OnExisting = "skip" | "update" | "fail";

/** What to do with a row whose name is a near-duplicate (see `ImportOptions.nearDuplicates`). */
export type NearDuplicatePolicy = "warn" | "reject";

/**
 * The service's limits, in Unicode code points. The real service does not document them;
 * these defaults are the local service's (packages/service, "Where we chose").
 */
export interface ImportLimits {
  readonly nameMaxLength: number;
  readonly contentMaxLength: number;
}

export const DEFAULT_LIMITS: ImportLimits = { nameMaxLength: 128, contentMaxLength: 20_000 };

export interface ImportOptions {
  /** Path of the CSV file. */
  readonly input: string;
  readonly workspaceId: string;
  /** `http://127.0.0.1:8080`, `https://…` or a host; default: the client's region endpoint. */
  readonly endpoint?: string | undefined;
  /** Default: the credential chain (see @promptmill/core `resolveCredentials`). */
  readonly credentials?: ModelStudioClientOptions["credentials"];
  /** The profile the credential chain reads. */
  readonly profile?: string | undefined;
  /** Per request attempt. Default 30 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Rows in flight at once. Default 8. */
  readonly concurrency?: number | undefined;
  /** Rows started per second at most; default unlimited (the service's throttling still applies). */
  readonly requestsPerSecond?: number | undefined;
  /** Default `skip`. */
  readonly onExisting?: OnExisting | undefined;
  /**
   * Default `<input without .csv>.<workspace>@<host>.journal`: one journal per target (see
   * `defaultJobFiles`).
   */
  readonly journalFile?: string | undefined;
  /** Default: beside the journal, `<journal without .journal>.report.csv`. */
  readonly reportFile?: string | undefined;
  /** Default: beside the journal, `<journal without .journal>.rejects.csv`. */
  readonly rejectFile?: string | undefined;
  readonly allowUnknownColumns?: boolean | undefined;
  /**
   * A row whose name reads the same as another row's or an existing template's (after NFC
   * normalisation, trimming, case and width folding, invisible characters removed): `warn`
   * (default) creates it and says so in the plan, summary and report; `reject` rejects it
   * (`name-near-duplicate`).
   */
  readonly nearDuplicates?: NearDuplicatePolicy | undefined;
  readonly limits?: Partial<ImportLimits> | undefined;
  /** Largest CSV field the reader holds, in bytes. Default 1 MiB. */
  readonly maxFieldBytes?: number | undefined;
  /**
   * Rounds of sending one row (each round is one request plus the client's own retries)
   * before the row is given up for this run as `retries-exhausted`. Default 10.
   */
  readonly maxAttempts?: number | undefined;
  /** Stops the job: reading ends, requests in flight get `shutdownGraceMs` to finish. */
  readonly signal?: AbortSignal | undefined;
  /** How long requests in flight may finish after `signal` aborts. Default 5 000 ms. */
  readonly shutdownGraceMs?: number | undefined;
  /** Called at most every `progressIntervalMs` while the job runs, and once at the end. */
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Default 100 ms. */
  readonly progressIntervalMs?: number | undefined;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_MAX_ATTEMPTS = 10;
export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;
