/** Counters of a running job; the totals of the whole file, earlier runs included. */
export interface ImportCounts {
  /** Data rows read so far (unreadable ones included). */
  readonly rowsRead: number;
  /** Rows whose fate is decided (sent, or settled without a request). */
  readonly rowsDecided: number;
  /** Rows for which a Create or Update was sent in this run. */
  readonly sent: number;
  readonly created: number;
  readonly updated: number;
  readonly skipped: number;
  /** Rows rejected by a check, the reader or the service (`failed` ones included). */
  readonly rejected: number;
  /** Rows whose name exists, with `--on-existing fail`. */
  readonly existsFailed: number;
  /** Rows given up for this run after repeated service failures (tried again next run). */
  readonly failed: number;
  /** Requests repeated after a failure, by the client or the importer. */
  readonly retried: number;
  /** Creates whose outcome was unknown, settled by listing the name. */
  readonly reconciled: number;
  /** Rows whose name reads the same as another row's or an existing template's. */
  readonly nearDuplicates: number;
}

/**
 * - `starting`: reading the first page of the workspace, which says how to learn what exists;
 * - `listing`: listing every Custom template of the workspace (when that is cheaper than
 *   looking the file's names up one by one);
 * - `importing`: reading, deciding and sending rows;
 * - `sweeping`: looking for copies left by Creates sent more than once;
 * - `done`.
 */
export type ImportPhase = "starting" | "listing" | "importing" | "sweeping" | "done";

export interface ImportProgress extends ImportCounts {
  readonly phase: ImportPhase;
  /**
   * Data rows in the file: counted in a quick pass before the job starts, exact once the
   * file has been read.
   */
  readonly rowsTotal: number;
  /** Rows with an outcome: created, updated, skipped, rejected or exists-failed. */
  readonly rowsDone: number;
  /** While listing: templates listed so far, of `templatesTotal`. */
  readonly templatesListed: number;
  readonly templatesTotal: number | undefined;
  readonly inFlight: number;
  readonly elapsedMs: number;
  /** Rows finished per second in this run. */
  readonly rowsPerSecond: number;
  /** Set while the job waits because the service throttled it. */
  readonly throttledUntil: number | undefined;
}
