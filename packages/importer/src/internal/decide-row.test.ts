import { describe, expect, it } from "vitest";
import { contentDigest } from "./content-digest.js";
import { decideRow, type RowFacts } from "./decide-row.js";
import type { JournalRowState } from "./journal.js";

const digestA = contentDigest("A");
const facts = (overrides: Partial<RowFacts>): RowFacts => ({
  content: "A",
  problems: [],
  previous: undefined,
  existing: [],
  onExisting: "skip",
  ...overrides,
});
const previous = (overrides: Partial<JournalRowState>): JournalRowState => ({
  createIntents: 0,
  updateIntents: 0,
  unknown: false,
  outcome: undefined,
  ...overrides,
});

describe("decideRow", () => {
  it("creates a checked row whose name does not exist", () => {
    expect(decideRow(facts({}))).toEqual({ action: "create" });
  });

  it("keeps an outcome an earlier run recorded, before anything else", () => {
    const outcome = { kind: "outcome", line: 2, outcome: "created", id: "t1" } as const;
    expect(
      decideRow(
        facts({
          previous: previous({ outcome }),
          problems: [{ reason: "name-empty", message: "" }],
        }),
      ),
    ).toEqual({ action: "done", outcome });
  });

  it("rejects a row that failed a check", () => {
    const problems = [{ reason: "content-empty", message: "the content is empty" }] as const;
    expect(decideRow(facts({ problems }))).toEqual({ action: "reject", problems });
  });

  it("adopts the template an unanswered Create of an earlier run made", () => {
    const existing = [
      { id: "other", digest: contentDigest("B") },
      { id: "t1", digest: digestA },
      { id: "t2", digest: digestA },
    ];
    expect(decideRow(facts({ previous: previous({ createIntents: 1 }), existing }))).toEqual({
      action: "adopt",
      id: "t1",
      copies: 2,
    });
  });

  it("creates again when an unanswered Create of an earlier run left nothing", () => {
    expect(decideRow(facts({ previous: previous({ createIntents: 2, unknown: true }) }))).toEqual({
      action: "create",
    });
  });

  it("counts an unanswered Update as done when the content is there", () => {
    const existing = [{ id: "t1", digest: digestA }];
    expect(
      decideRow(
        facts({ previous: previous({ updateIntents: 1 }), existing, onExisting: "update" }),
      ),
    ).toEqual({ action: "updated-earlier", id: "t1" });
  });

  it("applies --on-existing to names that exist", () => {
    const one = [{ id: "t1", digest: contentDigest("old") }];
    const two = [...one, { id: "t2", digest: contentDigest("older") }];
    expect(decideRow(facts({ existing: one }))).toEqual({
      action: "skip",
      id: "t1",
      message: "a template with this name exists",
    });
    expect(decideRow(facts({ existing: two })).action).toBe("skip");
    expect(decideRow(facts({ existing: two }))).toMatchObject({
      message: "a template with this name exists (and 1 more with this name)",
    });
    expect(decideRow(facts({ existing: one, onExisting: "fail" }))).toEqual({
      action: "exists-failed",
      id: "t1",
    });
    expect(decideRow(facts({ existing: one, onExisting: "update" }))).toEqual({
      action: "update",
      id: "t1",
    });
    expect(decideRow(facts({ existing: two, onExisting: "update" }))).toEqual({
      action: "ambiguous",
      count: 2,
    });
    const withEqual = [...two, { id: "t3", digest: digestA }];
    expect(decideRow(facts({ existing: withEqual, onExisting: "update" }))).toEqual({
      action: "skip",
      id: "t3",
      message: "the existing template has this content",
    });
  });
});
