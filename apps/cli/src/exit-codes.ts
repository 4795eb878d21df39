/** The process exit codes of `promptmill`, documented in the README; scripts depend on them. */
export const ExitCode = {
  ok: 0,
  /** Bad arguments or configuration (missing flag, no workspace, no credentials, unreadable file). */
  usage: 1,
  /** The service answered with an error, or could not be reached. */
  api: 2,
  /** An import finished but some rows were rejected. */
  partialImport: 3,
  /** A template has syntax errors, or a render is missing values. */
  template: 4,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
