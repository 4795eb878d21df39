import { PromptmillError } from "@promptmill/core";

/**
 * A problem found before anything is sent: the input, its header, the journal or the
 * options. Nothing was written to the service; fix the cause and run the same command again.
 */
export class ImportSetupError extends PromptmillError {
  override readonly name: string = "ImportSetupError";
}

/** The header row is missing a required column, repeats one, or names an unknown one. */
export class CsvHeaderError extends ImportSetupError {
  override readonly name: string = "CsvHeaderError";
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The CSV header cannot be used: ${problems.join("; ")}`);
    this.problems = problems;
  }
}

/**
 * The journal belongs to another target (workspace or endpoint). Mixing two targets in one
 * journal would let rows finished in one count as done for the other. Only a journal passed
 * with `--journal` can meet this: the default journal's name carries its target.
 */
export class JournalMismatchError extends ImportSetupError {
  override readonly name: string = "JournalMismatchError";
  readonly journalFile: string;
  readonly differences: readonly string[];

  constructor(journalFile: string, differences: readonly string[]) {
    super(
      `The journal ${journalFile} belongs to another target (${differences.join("; ")}). ` +
        "Leave out --journal to use the target's own journal, or pass a new path.",
    );
    this.journalFile = journalFile;
    this.differences = differences;
  }
}

/**
 * The journal was written by an earlier promptmill, which keyed rows by their line. Its rows
 * cannot be matched to the file safely (the file may have changed), so it is refused rather
 * than guessed at.
 */
export class JournalFormatError extends ImportSetupError {
  override readonly name: string = "JournalFormatError";
  readonly journalFile: string;

  constructor(journalFile: string, version: unknown) {
    super(
      `The journal ${journalFile} was written by an earlier version of promptmill ` +
        `(format ${JSON.stringify(version ?? 1)}, rows keyed by line number), which this version ` +
        "cannot resume. Finish that job with the version that started it, or delete the journal: " +
        "a new run decides every row against the workspace (rows whose names exist are skipped, " +
        "updated or failed as --on-existing says), but copies left by a Create whose answer " +
        "that run lost will not be looked for.",
    );
    this.journalFile = journalFile;
  }
}

/** A journal line other than the last one cannot be read: the file was edited or damaged. */
export class JournalCorruptError extends ImportSetupError {
  override readonly name: string = "JournalCorruptError";
  readonly journalFile: string;
  readonly line: number;

  constructor(journalFile: string, line: number, detail: string) {
    super(`The journal ${journalFile} is damaged at line ${line}: ${detail}`);
    this.journalFile = journalFile;
    this.line = line;
  }
}

/**
 * A file the job writes (journal, report, reject file, plan) failed while the job ran: a full
 * disk, an I/O error, a file system gone read-only. The job stops sending; what the journal
 * holds is kept, so the same command resumes once the cause is fixed.
 */
export class ImportFileError extends PromptmillError {
  override readonly name: string = "ImportFileError";
  readonly path: string;
  /** The system's code: `ENOSPC`, `EIO`, `EROFS`, `EDQUOT`, … */
  readonly code: string | undefined;

  /** `cannot write <path>: ENOSPC (no space left on device, write)`, without what follows. */
  readonly detail: string;

  constructor(path: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const detail = `cannot write ${path}: ${code ? `${code} ` : ""}${describeSystemError(cause)}`;
    super(
      `${detail}; the import stopped (the journal keeps what was done: run the same command ` +
        "again once this is fixed)",
      { cause },
    );
    this.path = path;
    this.code = code;
    this.detail = detail;
  }
}

function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages read `ENOSPC: no space left on device, write`: keep the human part once.
  const human =
    code !== undefined && message.startsWith(`${code}: `)
      ? message.slice(code.length + 2)
      : message;
  return `(${human})`;
}
