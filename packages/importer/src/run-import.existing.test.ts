import { describe, expect, it } from "vitest";
import { useImportTestbed } from "./__test__/import-testbed.js";
import { fillWorkspace, startRepeatingTokenProxy } from "./__test__/local-service.js";
import { IMPORT_EXIT_CODES, importExitCode } from "./exit-codes.js";
import { planImport } from "./plan-import.js";
import { runImport } from "./run-import.js";

/*
 * What exists is learned at the cost of the file, not of the workspace. The workspace here
 * holds 5,000 templates (50 pages) so that the test stays fast; the benchmark times a 10-row
 * file into 100,000. What matters is the count of requests, which does not depend on the size.
 */

const BIG_WORKSPACE = 5_000;

const testbed = useImportTestbed();
const { optionsFor } = testbed;

const tenRows = (): string[][] => [
  ...Array.from({ length: 9 }, (_, i) => [`new ${i}`, `new content ${i}`]),
  // A name that exists. (A name that is a prefix of many, like "existing 1" here, costs a page
  // per 100 of the names that contain it: List's keyword is a substring match.)
  ["existing 4321", "other content"],
];

describe("learning which names exist", () => {
  it("looks the names of a small file up in a big workspace: one request per row, not one per page", async () => {
    await fillWorkspace(testbed.svc, BIG_WORKSPACE);
    const input = testbed.dir.csv("small.csv", [["name", "content"], ...tenRows()]);

    const plan = await planImport(optionsFor(input));
    expect(plan).toMatchObject({ existingStrategy: "lookup", existingTemplates: BIG_WORKSPACE });
    expect(plan.counts).toMatchObject({ create: 9, skip: 1 });

    const summary = await runImport(optionsFor(input));
    expect(summary).toMatchObject({
      status: "completed",
      created: 9,
      skipped: 1,
      existingStrategy: "lookup",
      existingTemplates: BIG_WORKSPACE,
    });
    // The first page (its totalCount chooses), then one lookup per row.
    expect(summary.existingRequests).toBe(1 + 10);
    expect(plan.existingRequests).toBe(1 + 10);
  });

  it("lists a workspace that is small next to the file, in as many requests as it has pages", async () => {
    await fillWorkspace(testbed.svc, 150);
    const rows = Array.from({ length: 40 }, (_, i) => [`row ${i}`, `c ${i}`]);
    const input = testbed.dir.csv("big-file.csv", [
      ["name", "content"],
      ...rows,
      ["existing 7", "x"],
    ]);
    const summary = await runImport(optionsFor(input));
    expect(summary).toMatchObject({
      existingStrategy: "listing",
      existingTemplates: 150,
      existingRequests: 2,
      created: 40,
      skipped: 1,
    });
  });

  it("fails, creating nothing, when the service's paging repeats a nextToken", async () => {
    await fillWorkspace(testbed.svc, 250);
    const proxy = await startRepeatingTokenProxy(testbed.svc.endpoint);
    try {
      const rows = Array.from({ length: 20 }, (_, i) => [`row ${i}`, `c ${i}`]);
      const input = testbed.dir.csv("cycle.csv", [["name", "content"], ...rows]);
      const summary = await runImport(optionsFor(input, { endpoint: proxy.endpoint }));
      expect(summary).toMatchObject({
        status: "failed",
        sent: 0,
        error: { name: "RepeatedNextTokenError" },
      });
      expect(importExitCode(summary)).toBe(IMPORT_EXIT_CODES.service);
      expect(await testbed.svc.list()).toHaveLength(250);
    } finally {
      await proxy.close();
    }
  });
});
