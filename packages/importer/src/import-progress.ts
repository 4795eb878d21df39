/** Counters of a running job; the totals of the whole job, earlier runs included. */
export interface ImportCounts {
  /** Data rows read so far (unreadable ones included). */
  readonly rowsRead: number;
  /** Rows for which a Create or Update was sent in this run. */
  readonly sent: number;
  readonly created: number;
  readonly updated: number;
  readonly skipped: number;
  /** Rows rejected by a check, the reader or the service. */
  readonly rejected: number;
  /** Rows whose name exists, with `--on-existing fail`. */
  readonly existsFailed: number;
  /** Rows given up for this run after repeated service failures (tried again next run). */
  readonly failed: number;
  /** Requests repeated after a failure, by the client or the importer. */
  readonly retried: number;
  /** Creates whose outcome was unknown, settled by listing the name. */
  readonly reconciled: number;
}

export type ImportPhase = "listing" | "importing" | "sweeping" | "done";

export interface ImportProgress extends ImportCounts {
  readonly phase: ImportPhase;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly inFlight: number;
  readonly elapsedMs: number;
  /** Rows finished per second in this run. */
  readonly rowsPerSecond: number;
  /** Set while the job waits because the service throttled it. */
  readonly throttledUntil: number | undefined;
}
