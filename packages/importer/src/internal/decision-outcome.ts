import type { RejectReason } from "../reject-reason.js";
import { type PlanAction, planActionOf, type RowDecision } from "./decide-row.js";
import type { RowEnd } from "./job-ledger.js";

/**
 * The end of a row that needs no request, as a run records it; undefined for `create` and
 * `update`, which are sent. The texts here are the ones the report and the plan show.
 */
export function settledEnd(decision: RowDecision): RowEnd | undefined {
  switch (decision.action) {
    case "done": {
      const { outcome } = decision;
      return {
        outcome: outcome.outcome,
        id: outcome.id,
        reasons: outcome.reasons,
        message: outcome.message ? `${outcome.message} (an earlier run)` : "done by an earlier run",
        final: true,
        earlier: true,
      };
    }
    case "reject":
      return {
        outcome: "rejected",
        reasons: decision.problems.map((problem) => problem.reason),
        message: decision.problems.map((problem) => problem.message).join("; "),
        final: false,
      };
    case "adopt":
      return {
        outcome: "created",
        id: decision.id,
        message: "created by an earlier run (found by listing)",
        final: true,
      };
    case "updated-earlier":
      return {
        outcome: "updated",
        id: decision.id,
        message: "updated by an earlier run (found by listing)",
        final: true,
      };
    case "skip":
      return {
        outcome: "skipped",
        id: decision.id,
        message: skipMessage(decision),
        // The content is there: nothing a later run could do would change this row.
        final: decision.equal,
      };
    case "exists-failed":
      return {
        outcome: "exists-failed",
        id: decision.id,
        reasons: ["name-exists"],
        message: "a template with this name exists (--on-existing fail)",
        final: false,
      };
    case "ambiguous":
      return {
        outcome: "rejected",
        reasons: ["name-ambiguous"],
        message: `${decision.count} templates have this name; update one of them by hand`,
        final: false,
      };
    case "create":
    case "update":
      return undefined;
  }
}

/** A row of the plan a dry run shows and writes. */
export interface PlannedDecision {
  readonly action: PlanAction;
  readonly promptTemplateId: string | undefined;
  readonly reasons: readonly RejectReason[];
  readonly message: string;
}

export function plannedDecision(decision: RowDecision): PlannedDecision {
  const action = planActionOf(decision);
  switch (decision.action) {
    case "create":
      return { action, promptTemplateId: undefined, reasons: [], message: "" };
    case "update":
      return {
        action,
        promptTemplateId: decision.id,
        reasons: [],
        message: "the content differs",
      };
    default: {
      const end = settledEnd(decision) as RowEnd;
      return {
        action,
        promptTemplateId: end.id,
        reasons: end.reasons ?? [],
        message: end.message ?? "",
      };
    }
  }
}

function skipMessage(decision: Extract<RowDecision, { action: "skip" }>): string {
  const also = decision.others > 0 ? ` (and ${decision.others} more with this name)` : "";
  return decision.equal
    ? `the existing template has this content${also}`
    : `a template with this name exists${also}`;
}
