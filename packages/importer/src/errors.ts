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
 * The journal belongs to another job (a different input file, workspace or endpoint).
 * Mixing two jobs in one journal would let rows of one count as done for the other.
 */
export class JournalMismatchError extends ImportSetupError {
  override readonly name: string = "JournalMismatchError";
  readonly journalFile: string;
  readonly differences: readonly string[];

  constructor(journalFile: string, differences: readonly string[]) {
    super(
      `The journal ${journalFile} belongs to another job (${differences.join("; ")}). ` +
        "Pass --journal with a new path, or delete the old journal if that job is finished.",
    );
    this.journalFile = journalFile;
    this.differences = differences;
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
