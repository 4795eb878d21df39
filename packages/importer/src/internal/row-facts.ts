import type { NearDuplicatePolicy, OnExisting } from "../import-options.js";
import type { RowFacts } from "./decide-row.js";
import type { NameFacts } from "./existing-templates.js";
import type { JournalRowState } from "./journal.js";
import { type NearDuplicate, nearDuplicateProblem } from "./near-duplicates.js";
import type { SourceRow } from "./row-source.js";

/**
 * Whether deciding the row needs to know what the workspace holds: not for a row an earlier
 * run finished, nor for one that fails a check (rules 1 and 2 of `decideRow`). Those cost no
 * request.
 */
export function needsWorkspace(row: SourceRow, journal: JournalRowState | undefined): boolean {
  return journal?.outcome === undefined && row.problems.length === 0;
}

export interface AssembledFacts {
  readonly facts: RowFacts;
  /** The row's near-duplicates, in the file and in the workspace. */
  readonly nearDuplicates: readonly NearDuplicate[];
}

/**
 * The facts `decideRow` takes, from the row, the journal and what the workspace holds
 * (`undefined` when it was not asked, or could not be). Run and dry run both build them here.
 */
export function assembleFacts(
  row: SourceRow,
  journal: JournalRowState | undefined,
  workspace: NameFacts | undefined,
  options: { readonly onExisting: OnExisting; readonly nearDuplicates: NearDuplicatePolicy },
): AssembledFacts {
  const nearDuplicates = [...row.nearDuplicates, ...(workspace?.nearDuplicates ?? [])];
  const problems =
    options.nearDuplicates === "reject" && nearDuplicates.length > 0
      ? [...row.problems, nearDuplicateProblem(nearDuplicates)]
      : row.problems;
  return {
    facts: {
      problems,
      contentDigest: row.contentDigest ?? "",
      journal,
      existing: workspace?.existing,
      onExisting: options.onExisting,
    },
    nearDuplicates,
  };
}
