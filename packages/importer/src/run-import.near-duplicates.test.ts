import { describe, expect, it } from "vitest";
import { readCsv, useImportTestbed } from "./__test__/import-testbed.js";
import { fillWorkspace } from "./__test__/local-service.js";
import { formatPlan, formatSummary } from "./format-summary.js";
import { planImport } from "./plan-import.js";
import { runImport } from "./run-import.js";

/*
 * Names that differ only by Unicode normalisation, case, width or invisible characters read
 * the same to a person. They are still created as written (the service keeps names exactly),
 * but never without a word: the plan, the summary and the report say which name each one
 * repeats, and `nearDuplicates: "reject"` refuses them.
 */

const CAFE_NFC = "caf\u00e9";
const CAFE_NFD = "cafe\u0301";
const FULL_WIDTH = "\uff26\uff55\uff4c\uff4c";

const testbed = useImportTestbed();
const { optionsFor } = testbed;

describe("near-duplicate names", () => {
  it("warns about rows of one file that read the same, creating each as written", async () => {
    const names = [
      CAFE_NFC,
      CAFE_NFD,
      "same",
      "same\u00a0",
      "same\u200b",
      "SAME",
      "Full",
      FULL_WIDTH,
    ];
    const input = testbed.dir.csv("file.csv", [
      ["name", "content"],
      ...names.map((name, i) => [name, `c${i}`]),
    ]);

    const plan = await planImport(optionsFor(input));
    expect(plan.counts.create).toBe(8);
    expect(plan.nearDuplicates).toBe(5);
    expect(formatPlan(plan)).toContain(
      `line 3 ${JSON.stringify(CAFE_NFD)}: the name reads the same as line 2 "café"`,
    );

    const summary = await runImport(optionsFor(input));
    expect(summary).toMatchObject({ created: 8, nearDuplicates: 5 });
    expect(formatSummary(summary)).toContain("warning: 5 rows have a name that reads the same");
    expect(readCsv(summary.reportFile).map((row) => row.warnings)).toEqual([
      "",
      'the name reads the same as line 2 "café"',
      "",
      'the name reads the same as line 4 "same"',
      'the name reads the same as line 4 "same"',
      'the name reads the same as line 4 "same"',
      "",
      'the name reads the same as line 8 "Full"',
    ]);
    // Rows run concurrently: the service's order is not the file's.
    expect((await testbed.svc.list()).map((template) => template.name).sort()).toEqual(
      [...names].sort(),
    );
  });

  it.each([
    ["listed", 0],
    ["looked up one by one", 5_000],
  ])(
    "warns about names that read the same as templates of the workspace (%s)",
    async (_, filler) => {
      if (filler > 0) await fillWorkspace(testbed.svc, filler);
      const ids = new Map<string, string>();
      for (const name of [CAFE_NFC, "same", "Full"]) {
        const created = await testbed.svc.client.createPromptTemplate({
          workspaceId: testbed.svc.workspaceId,
          name,
          content: "existing",
        });
        ids.set(name, created.promptTemplateId);
      }
      const rows = [CAFE_NFD, "same\u00a0", "SAME", FULL_WIDTH, "unrelated"];
      const input = testbed.dir.csv("workspace.csv", [
        ["name", "content"],
        ...rows.map((name) => [name, "new"]),
      ]);
      const summary = await runImport(optionsFor(input));
      expect(summary).toMatchObject({
        created: 5,
        nearDuplicates: 4,
        existingStrategy: filler > 0 ? "lookup" : "listing",
      });
      expect(readCsv(summary.reportFile).map((row) => row.warnings)).toEqual([
        `the name reads the same as template ${ids.get(CAFE_NFC)} "café"`,
        `the name reads the same as template ${ids.get("same")} "same"`,
        `the name reads the same as line 3 "same\\u00a0", template ${ids.get("same")} "same"`,
        `the name reads the same as template ${ids.get("Full")} "Full"`,
        "",
      ]);
    },
  );

  it("rejects them instead when asked to, so nothing that reads the same is created", async () => {
    await testbed.svc.client.createPromptTemplate({
      workspaceId: testbed.svc.workspaceId,
      name: "same",
      content: "existing",
    });
    const input = testbed.dir.csv("reject.csv", [
      ["name", "content"],
      ["SAME", "new"],
      ["other", "new"],
    ]);
    const plan = await planImport(optionsFor(input, { nearDuplicates: "reject" }));
    expect(plan.counts).toMatchObject({ create: 1, reject: 1 });
    const summary = await runImport(optionsFor(input, { nearDuplicates: "reject" }));
    expect(summary).toMatchObject({ created: 1, rejected: 1 });
    expect(readCsv(summary.rejectFile)[0]).toMatchObject({
      name: "SAME",
      reasons: "name-near-duplicate",
    });
    expect((await testbed.svc.list()).map((template) => template.name)).toEqual(["same", "other"]);
  });
});
