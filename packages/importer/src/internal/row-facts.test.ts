import { describe, expect, it } from "vitest";
import { assembleFacts, needsWorkspace } from "./row-facts.js";
import type { SourceRow } from "./row-source.js";

const row = (overrides: Partial<SourceRow> = {}): SourceRow => ({
  index: 0,
  line: 2,
  name: "same",
  fields: ["same", "c"],
  row: undefined,
  digest: "d",
  contentDigest: "cd",
  problems: [],
  nearDuplicates: [{ kind: "row", line: 1, name: "SAME" }],
  ...overrides,
});
const finished = {
  createIntents: 1,
  updateIntents: 0,
  unknown: false,
  outcome: { kind: "outcome", row: "d", name: "same", outcome: "created" },
} as const;

describe("needsWorkspace", () => {
  it("asks the workspace only for rows that are neither finished nor failing a check", () => {
    expect(needsWorkspace(row(), undefined)).toBe(true);
    expect(needsWorkspace(row(), finished)).toBe(false);
    expect(
      needsWorkspace(row({ problems: [{ reason: "content-empty", message: "" }] }), undefined),
    ).toBe(false);
  });
});

describe("assembleFacts", () => {
  const workspace = {
    existing: [{ id: "t1", digest: "x" }],
    nearDuplicates: [{ kind: "template" as const, id: "t2", name: "Same" }],
  };

  it("joins the file's and the workspace's near-duplicates; a warning changes nothing by default", () => {
    const { facts, nearDuplicates } = assembleFacts(row(), undefined, workspace, {
      onExisting: "skip",
      nearDuplicates: "warn",
    });
    expect(nearDuplicates.map((duplicate) => duplicate.name)).toEqual(["SAME", "Same"]);
    expect(facts).toMatchObject({
      problems: [],
      existing: workspace.existing,
      contentDigest: "cd",
    });
  });

  it("makes them a problem when near-duplicates are rejected", () => {
    const { facts } = assembleFacts(row(), undefined, workspace, {
      onExisting: "skip",
      nearDuplicates: "reject",
    });
    expect(facts.problems).toEqual([
      {
        reason: "name-near-duplicate",
        message: 'the name reads the same as line 1 "SAME", template t2 "Same"',
      },
    ]);
  });
});
