import { describe, expect, it } from "vitest";
import type { OnExisting } from "../import-options.js";
import { decideRow, planActionOf, type RowDecision, type RowFacts } from "./decide-row.js";
import type { FinalOutcome, JournalRowState } from "./journal.js";

const MINE = "digest-of-this-content";
const OTHER = "digest-of-other-content";

/** What the workspace may hold for the row's name (ids say which template is which). */
const WORKSPACES = {
  unknown: undefined,
  none: [],
  "one, same content": [{ id: "same", digest: MINE }],
  "one, other content": [{ id: "other", digest: OTHER }],
  "two, one with the same content": [
    { id: "other", digest: OTHER },
    { id: "same", digest: MINE },
  ],
  "two, other contents": [
    { id: "other", digest: OTHER },
    { id: "other2", digest: `${OTHER}2` },
  ],
} satisfies Record<string, RowFacts["existing"]>;
type Workspace = keyof typeof WORKSPACES;

const created: FinalOutcome = {
  kind: "outcome",
  row: "r",
  name: "n",
  outcome: "created",
  id: "t1",
};
const refused: FinalOutcome = {
  kind: "outcome",
  row: "r",
  name: "n",
  outcome: "rejected",
  reasons: ["service-rejected"],
};
const state = (overrides: Partial<JournalRowState>): JournalRowState => ({
  createIntents: 0,
  updateIntents: 0,
  unknown: false,
  outcome: undefined,
  ...overrides,
});
/** What earlier runs may have left for the row's digest. */
const JOURNALS = {
  nothing: undefined,
  "created (final)": state({ createIntents: 1, outcome: created }),
  "refused by the service (final)": state({ createIntents: 1, outcome: refused }),
  "a Create sent, answer lost": state({ createIntents: 1, unknown: true }),
  "a Create sent twice, answers lost": state({ createIntents: 2, unknown: true }),
  "an Update sent, answer lost": state({ updateIntents: 1 }),
  "given up (retries exhausted)": state({}),
} satisfies Record<string, JournalRowState | undefined>;
type JournalCase = keyof typeof JOURNALS;

const CHECKS = {
  passed: [],
  failed: [{ reason: "template-syntax", message: "content 1:4 …" }],
} satisfies Record<string, RowFacts["problems"]>;

const ON_EXISTING: readonly OnExisting[] = ["skip", "update", "fail"];

/** A row that passed its checks, no journal: what `--on-existing` makes of each workspace. */
const BY_WORKSPACE: Record<Workspace, Record<OnExisting, RowDecision>> = {
  unknown: { skip: { action: "create" }, update: { action: "create" }, fail: { action: "create" } },
  none: { skip: { action: "create" }, update: { action: "create" }, fail: { action: "create" } },
  "one, same content": {
    skip: { action: "skip", id: "same", equal: true, others: 0 },
    update: { action: "skip", id: "same", equal: true, others: 0 },
    fail: { action: "exists-failed", id: "same" },
  },
  "one, other content": {
    skip: { action: "skip", id: "other", equal: false, others: 0 },
    update: { action: "update", id: "other" },
    fail: { action: "exists-failed", id: "other" },
  },
  "two, one with the same content": {
    skip: { action: "skip", id: "same", equal: true, others: 1 },
    update: { action: "skip", id: "same", equal: true, others: 1 },
    fail: { action: "exists-failed", id: "other" },
  },
  "two, other contents": {
    skip: { action: "skip", id: "other", equal: false, others: 1 },
    update: { action: "ambiguous", count: 2 },
    fail: { action: "exists-failed", id: "other" },
  },
};

/** The expected decision for one combination, from the rules of `decideRow`, in their order. */
function expected(
  check: keyof typeof CHECKS,
  workspace: Workspace,
  journal: JournalCase,
  onExisting: OnExisting,
): RowDecision {
  if (journal === "created (final)") return { action: "done", outcome: created };
  if (journal === "refused by the service (final)") return { action: "done", outcome: refused };
  if (check === "failed") return { action: "reject", problems: CHECKS.failed };
  if (journal === "a Create sent, answer lost" || journal === "a Create sent twice, answers lost") {
    if (workspace === "one, same content" || workspace === "two, one with the same content") {
      return { action: "adopt", id: "same", copies: 1 };
    }
  }
  if (
    journal === "an Update sent, answer lost" &&
    onExisting === "update" &&
    (workspace === "one, same content" || workspace === "two, one with the same content")
  ) {
    return { action: "updated-earlier", id: "same" };
  }
  return BY_WORKSPACE[workspace][onExisting];
}

const combinations = Object.keys(CHECKS).flatMap((check) =>
  Object.keys(WORKSPACES).flatMap((workspace) =>
    Object.keys(JOURNALS).flatMap((journal) =>
      ON_EXISTING.map(
        (onExisting) =>
          [
            check as keyof typeof CHECKS,
            workspace as Workspace,
            journal as JournalCase,
            onExisting,
          ] as const,
      ),
    ),
  ),
);

describe("decideRow", () => {
  it("is tested on every combination of check × workspace × journal × on-existing", () => {
    expect(combinations).toHaveLength(2 * 6 * 7 * 3);
  });

  it.each(combinations)(
    "check %s, workspace %s, journal %s, on-existing %s",
    (check, workspace, journal, onExisting) => {
      const decision = decideRow({
        problems: CHECKS[check],
        contentDigest: MINE,
        journal: JOURNALS[journal],
        existing: WORKSPACES[workspace],
        onExisting,
      });
      expect(decision).toEqual(expected(check, workspace, journal, onExisting));
    },
  );

  it("adopts every copy it finds after Creates whose answers were lost", () => {
    const existing = [
      { id: "a", digest: MINE },
      { id: "b", digest: MINE },
    ];
    expect(
      decideRow({
        problems: [],
        contentDigest: MINE,
        journal: state({ createIntents: 2 }),
        existing,
        onExisting: "skip",
      }),
    ).toEqual({ action: "adopt", id: "a", copies: 2 });
  });
});

describe("planActionOf", () => {
  it("shows each decision as the plan's action", () => {
    const cases: Array<[RowDecision, string]> = [
      [{ action: "create" }, "create"],
      [{ action: "update", id: "t" }, "update"],
      [{ action: "skip", id: "t", equal: false, others: 0 }, "skip"],
      [{ action: "exists-failed", id: "t" }, "conflict"],
      [{ action: "ambiguous", count: 2 }, "conflict"],
      [{ action: "reject", problems: [] }, "reject"],
      [{ action: "done", outcome: created }, "done"],
      [{ action: "done", outcome: refused }, "reject"],
      [{ action: "adopt", id: "t", copies: 1 }, "done"],
      [{ action: "updated-earlier", id: "t" }, "done"],
    ];
    for (const [decision, action] of cases) expect(planActionOf(decision)).toBe(action);
  });
});
