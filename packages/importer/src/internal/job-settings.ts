import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  type Credentials,
  type ModelStudioClientOptions,
  PromptmillError,
  resolveCredentials,
} from "@promptmill/core";
import { ImportSetupError } from "../errors.js";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_LIMITS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_SHUTDOWN_GRACE_MS,
  type ImportLimits,
  type ImportOptions,
  type NearDuplicatePolicy,
  type OnExisting,
} from "../import-options.js";
import { defaultJobFiles, type ImportTarget, legacyJournalFile } from "../job-files.js";
import { DEFAULT_MAX_FIELD_BYTES } from "../read-template-csv.js";

/** ImportOptions checked and completed with their defaults. */
export interface JobSettings {
  readonly inputPath: string;
  readonly inputSize: number;
  readonly workspaceId: string;
  readonly target: ImportTarget;
  readonly concurrency: number;
  readonly requestsPerSecond: number | undefined;
  readonly onExisting: OnExisting;
  readonly rejectFile: string;
  readonly reportFile: string;
  readonly journalFile: string;
  /** Where a journal of the format before 2 would be: looked at (never written) when no journal is given. */
  readonly legacyJournalFile: string | undefined;
  readonly allowUnknownColumns: boolean;
  readonly nearDuplicates: NearDuplicatePolicy;
  readonly limits: ImportLimits;
  readonly maxFieldBytes: number;
  readonly maxAttempts: number;
  readonly shutdownGraceMs: number;
  readonly progressIntervalMs: number;
}

const ON_EXISTING: readonly OnExisting[] = ["skip", "update", "fail"];

const NEAR_DUPLICATES: readonly NearDuplicatePolicy[] = ["warn", "reject"];

/** `endpoint`: the one the client resolved (the job's files are named after it). */
export function jobSettings(options: ImportOptions, endpoint: string): JobSettings {
  const problems: string[] = [];
  const positiveInteger = (value: number | undefined, name: string, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a whole number ≥ 1`);
    return value;
  };
  if (options.workspaceId.trim() === "") problems.push("the workspace id is empty");
  const concurrency = positiveInteger(options.concurrency, "concurrency", DEFAULT_CONCURRENCY);
  const maxAttempts = positiveInteger(options.maxAttempts, "maxAttempts", DEFAULT_MAX_ATTEMPTS);
  const rate = options.requestsPerSecond;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    problems.push("requests per second must be a number > 0");
  }
  const onExisting = options.onExisting ?? "skip";
  if (!ON_EXISTING.includes(onExisting)) {
    problems.push(`on-existing must be one of ${ON_EXISTING.join(", ")}`);
  }
  const nearDuplicates = options.nearDuplicates ?? "warn";
  if (!NEAR_DUPLICATES.includes(nearDuplicates)) {
    problems.push(`near-duplicates must be one of ${NEAR_DUPLICATES.join(", ")}`);
  }
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  positiveInteger(limits.nameMaxLength, "the name limit", 0);
  positiveInteger(limits.contentMaxLength, "the content limit", 0);

  const inputPath = resolve(options.input);
  let inputSize = 0;
  try {
    const stat = statSync(inputPath);
    if (!stat.isFile()) problems.push(`${options.input} is not a file`);
    inputSize = stat.size;
  } catch (error) {
    problems.push(`cannot read ${options.input} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (problems.length > 0) throw new ImportSetupError(problems.join("; "));

  const target = { workspaceId: options.workspaceId, endpoint };
  const defaults = defaultJobFiles(inputPath, target, {
    journalFile: options.journalFile === undefined ? undefined : resolve(options.journalFile),
  });
  const files = {
    rejectFile: resolve(options.rejectFile ?? defaults.rejectFile),
    reportFile: resolve(options.reportFile ?? defaults.reportFile),
    journalFile: resolve(defaults.journalFile),
  };
  const paths = [inputPath, files.rejectFile, files.reportFile, files.journalFile];
  if (new Set(paths).size !== paths.length) {
    throw new ImportSetupError("the input, reject, report and journal files must be four files");
  }
  // Checked before the journal is created, so a typo in a path leaves nothing behind. A file
  // that exists needs only to be writable itself; a new one, a writable directory.
  const unwritable = [files.rejectFile, files.reportFile, files.journalFile].filter((file) => {
    try {
      accessSync(file, constants.W_OK);
      return false;
    } catch {
      // Missing (or not writable): then the directory must let it be created.
    }
    try {
      accessSync(dirname(file), constants.W_OK);
      return existsSync(file);
    } catch {
      return true;
    }
  });
  if (unwritable.length > 0) {
    throw new ImportSetupError(
      `cannot write ${unwritable.join(", ")} (the directory is missing or not writable)`,
    );
  }
  return {
    inputPath,
    inputSize,
    workspaceId: options.workspaceId,
    target,
    concurrency,
    requestsPerSecond: rate,
    onExisting,
    ...files,
    legacyJournalFile: options.journalFile === undefined ? legacyJournalFile(inputPath) : undefined,
    allowUnknownColumns: options.allowUnknownColumns === true,
    nearDuplicates,
    limits,
    maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
    maxAttempts,
    shutdownGraceMs: options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
    progressIntervalMs: options.progressIntervalMs ?? 100,
  };
}

/**
 * The credentials both clients of the job use, resolved once up front: a missing key is a
 * setup problem, reported before anything is read or sent.
 */
export async function jobCredentials(
  options: ImportOptions,
): Promise<NonNullable<ModelStudioClientOptions["credentials"]>> {
  if (options.credentials !== undefined) return options.credentials;
  try {
    const credentials: Credentials = await resolveCredentials({ profile: options.profile });
    return credentials;
  } catch (error) {
    if (PromptmillError.isInstance(error)) {
      throw new ImportSetupError(error.message, { cause: error });
    }
    throw error;
  }
}
