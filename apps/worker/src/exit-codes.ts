/** The exit codes of `promptmill-worker`, documented in the README; job schedulers read them. */
export const ExitCode = {
  /** Every row was created, updated or skipped (or, for --dry-run, would be). */
  ok: 0,
  /** Bad arguments or configuration: nothing was sent. Also an unexpected failure. */
  usage: 1,
  /** The job finished, but some rows were rejected (see the reject file). */
  rejects: 2,
  /** A fatal API error stopped the job (credentials, permissions, the service unreachable). */
  fatal: 3,
  /** Stopped by SIGINT or SIGTERM; the same command resumes the job. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
