import { ModelStudioClient, PromptmillError } from "@promptmill/core";
import { checkRow } from "./check-row.js";
import { ImportSetupError } from "./errors.js";
import type { ImportOptions, OnExisting } from "./import-options.js";
import { decideRow, type RowDecision } from "./internal/decide-row.js";
import { ExistingTemplates } from "./internal/existing-templates.js";
import { jobIdentity } from "./internal/job-identity.js";
import { jobCredentials, jobSettings } from "./internal/job-settings.js";
import { Journal } from "./internal/journal.js";
import { readTemplateCsv } from "./read-template-csv.js";
import type { RejectReason } from "./reject-reason.js";

/**
 * What a run would do with a row: `conflict` is a name that exists with `--on-existing fail`,
 * or several templates sharing the name with `update`; `done` an outcome an earlier run of
 * the job recorded.
 */
export type PlanAction = "create" | "update" | "skip" | "conflict" | "reject" | "done";

export interface PlannedRow {
  readonly line: number;
  readonly name: string;
  readonly action: PlanAction;
  readonly promptTemplateId: string | undefined;
  readonly reasons: readonly RejectReason[];
  readonly message: string;
}

export interface ImportPlan {
  readonly input: string;
  readonly workspaceId: string;
  readonly endpoint: string;
  readonly onExisting: OnExisting;
  /** Data rows in the file. */
  readonly rows: number;
  readonly counts: Readonly<Record<PlanAction, number>>;
  /** The first rows of each action, in file order. */
  readonly examples: Readonly<Record<PlanAction, readonly PlannedRow[]>>;
  /** Custom templates in the workspace; undefined when the service could not be listed. */
  readonly existingTemplates: number | undefined;
  /** Why the workspace could not be listed: then names that exist count as `create`. */
  readonly serviceError: { readonly name: string; readonly message: string } | undefined;
  /** Whether a journal of this job exists (its recorded outcomes count as `done`). */
  readonly resumes: boolean;
}

export interface PlanOptions extends ImportOptions {
  /** Rows listed per action. Default 5. */
  readonly examplesPerAction?: number | undefined;
}

const ACTIONS: readonly PlanAction[] = ["create", "update", "skip", "conflict", "reject", "done"];

/**
 * A dry run: every check of every row, and the workspace's existing names when the service
 * can be reached. Writes nothing, neither to the service nor to any file (no journal,
 * report or reject file).
 */
export async function planImport(options: PlanOptions): Promise<ImportPlan> {
  const settings = jobSettings(options);
  const perAction = options.examplesPerAction ?? 5;
  let credentials: Awaited<ReturnType<typeof jobCredentials>> | undefined;
  let serviceError: ImportPlan["serviceError"];
  try {
    credentials = await jobCredentials(options);
  } catch (error) {
    if (!(error instanceof ImportSetupError)) throw error;
    serviceError = { name: error.name, message: error.message };
  }
  const client = new ModelStudioClient({
    endpoint: options.endpoint,
    credentials,
    timeoutMs: options.timeoutMs,
    userAgent: "promptmill-importer",
  });

  const entries = readTemplateCsv(settings.inputPath, {
    allowUnknownColumns: settings.allowUnknownColumns,
    maxFieldBytes: settings.maxFieldBytes,
  });
  const first = await entries.next();
  if (first.done === true || first.value.type !== "header") {
    throw new Error("the CSV reader yields its header first");
  }
  const journal = await Journal.inspect(
    settings.journalFile,
    jobIdentity(settings.inputPath, settings.workspaceId, client.endpoint),
  );

  let existing: ExistingTemplates | undefined;
  if (credentials !== undefined) {
    try {
      existing = await ExistingTemplates.load(client, settings.workspaceId, {
        signal: options.signal,
      });
    } catch (error) {
      if (!PromptmillError.isInstance(error)) throw error;
      serviceError = { name: error.name, message: error.message };
    }
  }

  const counts = Object.fromEntries(ACTIONS.map((action) => [action, 0])) as Record<
    PlanAction,
    number
  >;
  const examples = Object.fromEntries(ACTIONS.map((action) => [action, []])) as unknown as Record<
    PlanAction,
    PlannedRow[]
  >;
  const add = (row: PlannedRow) => {
    counts[row.action]++;
    if (examples[row.action].length < perAction) examples[row.action].push(row);
  };
  const earlierNames = new Map<string, number>();
  let rows = 0;
  for await (const entry of entries) {
    if (entry.type === "header") continue;
    rows++;
    const previous = journal.previous.get(entry.row.line);
    if (entry.type === "unreadable") {
      const { row } = entry;
      const done = previous?.outcome;
      add({
        line: row.line,
        name: row.fields[first.value.columns.indexOf("name")] ?? "",
        action: done !== undefined ? "done" : "reject",
        promptTemplateId: undefined,
        reasons: done?.reasons ?? [row.reason],
        message: done?.message ?? row.message,
      });
      continue;
    }
    const check = checkRow(entry.row, { limits: settings.limits, earlierNames });
    if (!earlierNames.has(entry.row.name)) earlierNames.set(entry.row.name, entry.row.line);
    const decision = decideRow({
      content: entry.row.content,
      problems: check.problems,
      previous,
      existing: existing?.get(entry.row.name) ?? [],
      onExisting: settings.onExisting,
    });
    add({ line: entry.row.line, name: entry.row.name, ...planned(decision) });
  }
  return {
    input: settings.inputPath,
    workspaceId: settings.workspaceId,
    endpoint: client.endpoint,
    onExisting: settings.onExisting,
    rows,
    counts,
    examples,
    existingTemplates: existing?.count,
    serviceError,
    resumes: journal.resumed,
  };
}

function planned(decision: RowDecision): Omit<PlannedRow, "line" | "name"> {
  const row = (
    action: PlanAction,
    promptTemplateId: string | undefined,
    message: string,
    reasons: readonly RejectReason[] = [],
  ) => ({ action, promptTemplateId, reasons, message });
  switch (decision.action) {
    case "done":
      return row(
        "done",
        decision.outcome.id,
        decision.outcome.message ?? decision.outcome.outcome,
        decision.outcome.reasons ?? [],
      );
    case "reject":
      return row(
        "reject",
        undefined,
        decision.problems.map((problem) => problem.message).join("; "),
        decision.problems.map((problem) => problem.reason),
      );
    case "adopt":
      return row("done", decision.id, "created by an earlier run (found by listing)");
    case "updated-earlier":
      return row("done", decision.id, "updated by an earlier run");
    case "create":
      return row("create", undefined, "");
    case "update":
      return row("update", decision.id, "the content differs");
    case "skip":
      return row("skip", decision.id, decision.message);
    case "exists-failed":
      return row("conflict", decision.id, "a template with this name exists", ["name-exists"]);
    case "ambiguous":
      return row("conflict", undefined, `${decision.count} templates have this name`, [
        "name-ambiguous",
      ]);
  }
}
