import { resolve } from "node:path";
import { ModelStudioClient, PromptmillError } from "@promptmill/core";
import { ImportSetupError } from "./errors.js";
import type { ImportOptions, OnExisting } from "./import-options.js";
import { countCsvRows } from "./internal/count-csv-rows.js";
import { decideRow, type PlanAction } from "./internal/decide-row.js";
import { plannedDecision } from "./internal/decision-outcome.js";
import type { NameFacts } from "./internal/existing-templates.js";
import { jobCredentials, jobSettings } from "./internal/job-settings.js";
import { Journal } from "./internal/journal.js";
import { refuseLegacyJournal } from "./internal/legacy-journal.js";
import { describeNearDuplicates } from "./internal/near-duplicates.js";
import { OrderedResults } from "./internal/ordered-results.js";
import { PlanFile, type PlanFileRow } from "./internal/plan-file.js";
import { assembleFacts, needsWorkspace } from "./internal/row-facts.js";
import { RowSource, type SourceRow } from "./internal/row-source.js";
import { SendQueue } from "./internal/send-queue.js";
import {
  type ExistingStrategy,
  openWorkspaceView,
  type WorkspaceView,
} from "./internal/workspace-view.js";
import type { RejectReason } from "./reject-reason.js";

export type { PlanAction } from "./internal/decide-row.js";

export interface PlannedRow {
  readonly line: number;
  readonly name: string;
  readonly action: PlanAction;
  readonly promptTemplateId: string | undefined;
  readonly reasons: readonly RejectReason[];
  readonly message: string;
  /** Near-duplicate names, when the row's name reads the same as another's; else empty. */
  readonly warnings: string;
}

export interface ImportPlan {
  readonly input: string;
  readonly workspaceId: string;
  readonly endpoint: string;
  readonly onExisting: OnExisting;
  /** Data rows in the file. */
  readonly rows: number;
  /**
   * What a run would do with each row now. `conflict`: a name that exists with
   * `--on-existing fail`, or several templates sharing the name with `update`; `done`: a row
   * an earlier run against this target finished (nothing would be sent).
   */
  readonly counts: Readonly<Record<PlanAction, number>>;
  /** The first rows of each action, in file order (`counts` says how many more there are). */
  readonly examples: Readonly<Record<PlanAction, readonly PlannedRow[]>>;
  /** Rows whose name reads the same as another row's or an existing template's. */
  readonly nearDuplicates: number;
  /** Custom templates in the workspace; undefined when the service could not be asked. */
  readonly existingTemplates: number | undefined;
  /** How existing names were learned (as a run would); undefined without the service. */
  readonly existingStrategy: ExistingStrategy | undefined;
  /** List requests the dry run made to learn what exists. */
  readonly existingRequests: number;
  /** Why the workspace could not be asked: then names that exist count as `create`. */
  readonly serviceError: { readonly name: string; readonly message: string } | undefined;
  /** The journal a run would use, and whether it holds earlier runs (their finished rows count as done). */
  readonly journalFile: string;
  readonly resumes: boolean;
  /** The full plan and its reject file, when `planFile` was given. */
  readonly planFile: string | undefined;
  readonly planRejectFile: string | undefined;
}

export interface PlanOptions extends ImportOptions {
  /** Rows listed per action. Default 5. */
  readonly examplesPerAction?: number | undefined;
  /**
   * Write every row with its decision here (CSV: line, name, action, promptTemplateId,
   * reasons, message, warnings), and the rows a run would reject beside it
   * (`<plan>.rejects.csv`). Default: no file.
   */
  readonly planFile?: string | undefined;
}

const ACTIONS: readonly PlanAction[] = ["create", "update", "skip", "conflict", "reject", "done"];

/**
 * A dry run: what a run with these options would do now, row by row, decided by the same
 * function a run uses, against the same journal and what the workspace holds. It sends
 * nothing that changes anything and writes no file of the job (journal, report, reject file);
 * only the plan file, when asked for. Without credentials or service, names that exist count
 * as `create` and `serviceError` says why.
 */
export async function planImport(options: PlanOptions): Promise<ImportPlan> {
  const endpoint = new ModelStudioClient({ endpoint: options.endpoint }).endpoint;
  const settings = jobSettings(options, endpoint);
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
  refuseLegacyJournal(settings.legacyJournalFile);
  const journal = await Journal.inspect(settings.journalFile, settings.target);
  const rowsEstimate = await countCsvRows(settings.inputPath);

  let view: WorkspaceView | undefined;
  if (credentials !== undefined) {
    try {
      view = await openWorkspaceView(client, settings.workspaceId, rowsEstimate, {
        signal: options.signal,
      });
    } catch (error) {
      if (!PromptmillError.isInstance(error)) throw error;
      serviceError = { name: error.name, message: error.message };
    }
  }

  const source = await RowSource.open(settings.inputPath, {
    allowUnknownColumns: settings.allowUnknownColumns,
    maxFieldBytes: settings.maxFieldBytes,
    limits: settings.limits,
  });
  let planFile: PlanFile | undefined;
  const queue = new SendQueue({ concurrency: settings.concurrency, requestsPerSecond: undefined });
  try {
    planFile =
      options.planFile === undefined
        ? undefined
        : new PlanFile(resolve(options.planFile), source.columns);
    const counts = Object.fromEntries(ACTIONS.map((action) => [action, 0])) as Record<
      PlanAction,
      number
    >;
    const examples = Object.fromEntries(ACTIONS.map((action) => [action, []])) as unknown as Record<
      PlanAction,
      PlannedRow[]
    >;
    let nearDuplicates = 0;
    // Lookups run concurrently; rows are counted and written in file order.
    const ordered = new OrderedResults<PlanFileRow>((row) => {
      counts[row.action]++;
      if (row.warnings !== "") nearDuplicates++;
      if (examples[row.action].length < perAction) {
        const { fields: _, ...planned } = row;
        examples[row.action].push(planned);
      }
      planFile?.write(row);
    });
    const plan = (row: SourceRow, facts: NameFacts | undefined) => {
      const state = row.digest === undefined ? undefined : journal.previous.get(row.digest);
      const assembled = assembleFacts(row, state, facts, settings);
      const decided = plannedDecision(decideRow(assembled.facts));
      ordered.complete(row.index, {
        line: row.line,
        name: row.name,
        ...decided,
        warnings: describeNearDuplicates(assembled.nearDuplicates),
        fields: row.fields,
      });
    };
    let failure: unknown;
    let rows = 0;
    for await (const row of source.rows()) {
      rows++;
      const state = row.digest === undefined ? undefined : journal.previous.get(row.digest);
      if (view === undefined || !needsWorkspace(row, state)) {
        plan(row, undefined);
      } else if (view.strategy === "listing") {
        plan(row, view.facts(row.name) as NameFacts);
      } else {
        const lookup = view;
        queue.queue
          .add(async () => plan(row, await lookup.facts(row.name, { signal: options.signal })))
          .catch((error: unknown) => {
            failure ??= error;
          });
        if (queue.queue.size >= settings.concurrency) {
          await queue.queue.onSizeLessThan(settings.concurrency);
        }
      }
      if (failure !== undefined) break;
    }
    await queue.queue.onIdle();
    if (failure !== undefined) throw failure;
    return {
      input: settings.inputPath,
      workspaceId: settings.workspaceId,
      endpoint: client.endpoint,
      onExisting: settings.onExisting,
      rows,
      counts,
      examples,
      nearDuplicates,
      existingTemplates: view?.templateCount,
      existingStrategy: view?.strategy,
      existingRequests: view?.requests ?? 0,
      serviceError,
      journalFile: settings.journalFile,
      resumes: journal.resumed,
      planFile: planFile?.path,
      planRejectFile: planFile?.rejectFile,
    };
  } finally {
    queue.dispose();
    await source.close();
    planFile?.close();
  }
}
