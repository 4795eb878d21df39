import { describe, expect, it } from "vitest";
import { plannedDecision, settledEnd } from "./decision-outcome.js";

describe("settledEnd", () => {
  it("keeps for later runs only ends that leave the row's content in the workspace", () => {
    const final = (decision: Parameters<typeof settledEnd>[0]) => settledEnd(decision)?.final;
    expect(final({ action: "adopt", id: "t", copies: 1 })).toBe(true);
    expect(final({ action: "updated-earlier", id: "t" })).toBe(true);
    expect(final({ action: "skip", id: "t", equal: true, others: 0 })).toBe(true);
    expect(final({ action: "skip", id: "t", equal: false, others: 0 })).toBe(false);
    expect(final({ action: "exists-failed", id: "t" })).toBe(false);
    expect(final({ action: "ambiguous", count: 2 })).toBe(false);
    expect(final({ action: "reject", problems: [] })).toBe(false);
    expect(settledEnd({ action: "create" })).toBeUndefined();
    expect(settledEnd({ action: "update", id: "t" })).toBeUndefined();
  });

  it("says when a row was finished by an earlier run", () => {
    const outcome = { kind: "outcome", row: "r", name: "n", outcome: "created", id: "t1" } as const;
    expect(settledEnd({ action: "done", outcome })).toMatchObject({
      outcome: "created",
      id: "t1",
      earlier: true,
      message: "done by an earlier run",
    });
    expect(settledEnd({ action: "skip", id: "t", equal: false, others: 2 })?.message).toBe(
      "a template with this name exists (and 2 more with this name)",
    );
  });
});

describe("plannedDecision", () => {
  it("shows the same texts the report will", () => {
    expect(plannedDecision({ action: "ambiguous", count: 3 })).toEqual({
      action: "conflict",
      promptTemplateId: undefined,
      reasons: ["name-ambiguous"],
      message: "3 templates have this name; update one of them by hand",
    });
    expect(plannedDecision({ action: "update", id: "t" })).toEqual({
      action: "update",
      promptTemplateId: "t",
      reasons: [],
      message: "the content differs",
    });
  });
});
