import type { RowProblem } from "../check-row.js";
import type { OnExisting } from "../import-options.js";
import type { FinalOutcome, JournalRowState } from "./journal.js";

/** A template of the workspace with the row's exact name. */
export interface ExistingTemplate {
  readonly id: string;
  /** `contentDigest` of its content. */
  readonly digest: string;
}

/**
 * What is to become of a row. Every program that imports (the run, the dry run, `migrate`)
 * asks this one function, so what a dry run shows is what a run does.
 */
export type RowDecision =
  /** An earlier run finished this exact row (same name, content and variables): send nothing. */
  | { readonly action: "done"; readonly outcome: FinalOutcome }
  | { readonly action: "reject"; readonly problems: readonly RowProblem[] }
  /**
   * An earlier run sent this row's Create without seeing the answer, and a template with its
   * name and content exists now: that is the one it made.
   */
  | { readonly action: "adopt"; readonly id: string; readonly copies: number }
  /** An earlier run sent this row's Update without seeing the answer, and the content is there. */
  | { readonly action: "updated-earlier"; readonly id: string }
  | { readonly action: "create" }
  | { readonly action: "update"; readonly id: string }
  /** `equal`: the existing template has the row's content, so the row is as good as imported. */
  | {
      readonly action: "skip";
      readonly id: string;
      readonly equal: boolean;
      readonly others: number;
    }
  | { readonly action: "exists-failed"; readonly id: string }
  | { readonly action: "ambiguous"; readonly count: number };

export interface RowFacts {
  /** What the checks (or the CSV reader) found wrong with the row; empty when it may be sent. */
  readonly problems: readonly RowProblem[];
  readonly contentDigest: string;
  /** What earlier runs against this workspace recorded for the row's digest. */
  readonly journal: JournalRowState | undefined;
  /**
   * The templates with the row's exact name, oldest first; `undefined` when the workspace
   * could not be asked (a dry run without credentials or service).
   */
  readonly existing: readonly ExistingTemplate[] | undefined;
  readonly onExisting: OnExisting;
}

/**
 * The rules, in order:
 * 1. a final outcome an earlier run recorded for this exact row stands (`done`);
 * 2. a row with a problem is rejected (it is checked afresh on every run: checks are cheap
 *    and pure);
 * 3. a Create or Update an earlier run sent without seeing the answer is settled by what the
 *    workspace holds before anything is sent again;
 * 4. `onExisting` decides for names that exist; the rest are created.
 * Only rule 1 reads a recorded outcome: every other row is decided against the workspace as
 * it is now, so changing `--on-existing`, the file or the workspace changes the decision.
 */
export function decideRow(facts: RowFacts): RowDecision {
  const { journal, existing } = facts;
  if (journal?.outcome !== undefined) return { action: "done", outcome: journal.outcome };
  if (facts.problems.length > 0) return { action: "reject", problems: facts.problems };
  if (existing === undefined) return { action: "create" };

  const sameContent = existing.filter((template) => template.digest === facts.contentDigest);
  const firstSame = sameContent[0];
  if (journal !== undefined && journal.createIntents > 0) {
    // The name did not exist when that Create was sent (or it would not have been sent), so a
    // template with this name and this content is the one it made.
    if (firstSame !== undefined) {
      return { action: "adopt", id: firstSame.id, copies: sameContent.length };
    }
    if (existing.length === 0) return { action: "create" };
    // Someone else has created the name since: decided like any other row below.
  }
  if (
    journal !== undefined &&
    journal.updateIntents > 0 &&
    facts.onExisting === "update" &&
    firstSame !== undefined
  ) {
    return { action: "updated-earlier", id: firstSame.id };
  }

  const first = existing[0];
  if (first === undefined) return { action: "create" };
  switch (facts.onExisting) {
    case "skip":
      return firstSame !== undefined
        ? { action: "skip", id: firstSame.id, equal: true, others: existing.length - 1 }
        : { action: "skip", id: first.id, equal: false, others: existing.length - 1 };
    case "fail":
      return { action: "exists-failed", id: first.id };
    case "update":
      if (firstSame !== undefined) {
        return { action: "skip", id: firstSame.id, equal: true, others: existing.length - 1 };
      }
      if (existing.length > 1) return { action: "ambiguous", count: existing.length };
      return { action: "update", id: first.id };
  }
}

/** A decision as the plan shows it. */
export type PlanAction = "create" | "update" | "skip" | "conflict" | "reject" | "done";

export function planActionOf(decision: RowDecision): PlanAction {
  switch (decision.action) {
    case "done":
      // A row the service refused stays refused until it changes: a run reports it rejected.
      return decision.outcome.outcome === "rejected" ? "reject" : "done";
    case "adopt":
    case "updated-earlier":
      return "done";
    case "exists-failed":
    case "ambiguous":
      return "conflict";
    default:
      return decision.action;
  }
}
