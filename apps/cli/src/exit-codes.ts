/**
 * The process exit codes of `promptmill`, documented in the README (exit-codes.test.ts keeps
 * its table equal to this one) and summed up in `--help`; scripts depend on them.
 *
 * Commands that import (`import`, `migrate`, `demo`) end with the importer's own table,
 * `IMPORT_EXIT_CODES` of @promptmill/importer, the one `promptmill-worker` uses too. This
 * table is the CLI's for everything else; its codes agree with the importer's wherever both
 * name the same outcome (exit-codes.test.ts holds them together). It is not taken from the
 * importer at run time because every command reads it, and loading the importer would slow
 * the start of every command.
 */
export const ExitCode = {
  ok: 0,
  /**
   * Bad arguments or configuration (missing flag, no workspace, no credentials, a name that is
   * not there), or what the machine refused: an unreadable or non-UTF-8 file, a missing
   * directory, a port in use, a full disk.
   */
  usage: 1,
  /** The service answered with an error, or could not be reached. */
  api: 2,
  /** An import finished but some rows were rejected. */
  partialImport: 3,
  /** A template has syntax errors, or a render is missing values. */
  template: 4,
  /** An import stopped because a file of the job could not be written (a full disk). */
  importFiles: 5,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One word each, for the summary line of `promptmill --help`. */
const SHORT_MEANINGS: Readonly<Record<ExitCode, string>> = {
  [ExitCode.ok]: "ok",
  [ExitCode.usage]: "usage or system",
  [ExitCode.api]: "API error",
  [ExitCode.partialImport]: "import with rejected rows",
  [ExitCode.template]: "template errors",
  [ExitCode.importFiles]: "import files unwritable",
  [ExitCode.interrupted]: "interrupted",
};

/** `Exit codes: 0 ok, 1 usage or system, …`: the table above, for `--help`. */
export function exitCodeSummary(): string {
  const codes = Object.values(ExitCode).sort((a, b) => a - b);
  return `Exit codes: ${codes.map((code) => `${code} ${SHORT_MEANINGS[code]}`).join(", ")}.`;
}
