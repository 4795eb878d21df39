import type { RowProblem } from "../check-row.js";
import type { OnExisting } from "../import-options.js";
import { contentDigest } from "./content-digest.js";
import type { ExistingTemplate } from "./existing-templates.js";
import type { JournalRecord, JournalRowState } from "./journal.js";

export type RowDecision =
  /** An earlier run recorded the outcome: report it, send nothing. */
  | { action: "done"; outcome: Extract<JournalRecord, { kind: "outcome" }> }
  | { action: "reject"; problems: readonly RowProblem[] }
  /**
   * An earlier run sent a Create but did not record its answer, and a template with this
   * name and content exists now: that is the one it created.
   */
  | { action: "adopt"; id: string; copies: number }
  /** An earlier run sent this Update and the content is there now. */
  | { action: "updated-earlier"; id: string }
  | { action: "create" }
  | { action: "update"; id: string }
  | { action: "skip"; id: string; message: string }
  | { action: "exists-failed"; id: string }
  | { action: "ambiguous"; count: number };

export interface RowFacts {
  readonly content: string;
  readonly problems: readonly RowProblem[];
  /** What earlier runs of the job recorded for the row. */
  readonly previous: JournalRowState | undefined;
  /** Custom templates with the row's name when this run started. */
  readonly existing: readonly ExistingTemplate[];
  readonly onExisting: OnExisting;
}

/**
 * What to do with a row, from its checks, the journal and the templates that exist. The
 * rules, in order: a recorded outcome stands; a failed check rejects; a Create an earlier
 * run sent without seeing the answer is looked for before anything is sent again; then
 * `--on-existing` decides for names that exist, and the rest are created.
 */
export function decideRow(facts: RowFacts): RowDecision {
  const { previous, existing } = facts;
  if (previous?.outcome !== undefined) return { action: "done", outcome: previous.outcome };
  if (facts.problems.length > 0) return { action: "reject", problems: facts.problems };

  let digest: string | undefined;
  const sameContent = () => {
    digest ??= contentDigest(facts.content);
    const wanted = digest;
    return existing.filter((template) => template.digest === wanted);
  };

  if (previous !== undefined && previous.createIntents > 0) {
    // The name did not exist when that Create was sent (or it would not have been sent),
    // so a template with this name and this content is the one it made.
    const copies = sameContent();
    const first = copies[0];
    if (first !== undefined) return { action: "adopt", id: first.id, copies: copies.length };
    return { action: "create" };
  }
  if (previous !== undefined && previous.updateIntents > 0 && facts.onExisting === "update") {
    const updated = sameContent()[0];
    if (updated !== undefined) return { action: "updated-earlier", id: updated.id };
  }

  const first = existing[0];
  if (first === undefined) return { action: "create" };
  const also = existing.length > 1 ? ` (and ${existing.length - 1} more with this name)` : "";
  switch (facts.onExisting) {
    case "skip":
      return { action: "skip", id: first.id, message: `a template with this name exists${also}` };
    case "fail":
      return { action: "exists-failed", id: first.id };
    case "update": {
      const equal = sameContent()[0];
      if (equal !== undefined) {
        return { action: "skip", id: equal.id, message: "the existing template has this content" };
      }
      if (existing.length > 1) return { action: "ambiguous", count: existing.length };
      return { action: "update", id: first.id };
    }
  }
}
