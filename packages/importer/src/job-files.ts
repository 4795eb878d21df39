/** Where an import goes: a journal, report and reject file belong to one target. */
export interface ImportTarget {
  readonly workspaceId: string;
  /** The endpoint as the client resolved it, e.g. `https://bailian.cn-beijing.aliyuncs.com`. */
  readonly endpoint: string;
}

export interface JobFiles {
  readonly journalFile: string;
  readonly reportFile: string;
  readonly rejectFile: string;
}

/**
 * The files of a job, unless given. The journal sits beside the input and its name carries
 * the target (`templates.llm-abc@bailian.cn-beijing.aliyuncs.com.journal`), so importing the
 * same file into another workspace or through another endpoint is another job, with files of
 * its own. The report and reject file follow the journal (`<journal>.report.csv`,
 * `<journal>.rejects.csv`): a run with another `--journal` never overwrites the report of
 * another job.
 */
export function defaultJobFiles(
  input: string,
  target: ImportTarget,
  given: Partial<JobFiles> = {},
): JobFiles {
  const journalFile = given.journalFile ?? `${withoutCsv(input)}.${targetLabel(target)}.journal`;
  const base = journalFile.toLowerCase().endsWith(".journal")
    ? journalFile.slice(0, -".journal".length)
    : journalFile;
  return {
    journalFile,
    reportFile: given.reportFile ?? `${base}.report.csv`,
    rejectFile: given.rejectFile ?? `${base}.rejects.csv`,
  };
}

/** Where promptmill before journal format 2 kept a job's journal: `<input>.journal`. */
export function legacyJournalFile(input: string): string {
  return `${withoutCsv(input)}.journal`;
}

/**
 * `llm-abc@bailian.cn-beijing.aliyuncs.com`, `llm-abc@127.0.0.1-8080`: readable, and a valid
 * file name on every system (`:` and `/` are not).
 */
export function targetLabel(target: ImportTarget): string {
  let host: string;
  try {
    host = new URL(target.endpoint).host;
  } catch {
    host = target.endpoint;
  }
  return `${target.workspaceId}@${host}`.replace(/[^\p{L}\p{N}._@-]/gu, "-");
}

function withoutCsv(input: string): string {
  return input.toLowerCase().endsWith(".csv") ? input.slice(0, -".csv".length) : input;
}
