// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { useImportTestbed } from "./__test__/import-testbed.js";
import { formatPlan } from "./format-summary.js";
import { planImport } from "./plan-import.js";
import { runImport } from "./run-import.js";

const testbed = useImportTestbed();

describe("planImport (dry run)", () => {
  it("runs every check and counts each action without writing anything anywhere", async () => {
    await testbed.svc.client.createPromptTemplate({
      workspaceId: testbed.svc.workspaceId,
      name: "same",
      content: "A",
    });
    await testbed.svc.client.createPromptTemplate({
      workspaceId: testbed.svc.workspaceId,
      name: "changed",
      content: "old",
    });
    const input = testbed.dir.csv("plan.csv", [
      ["name", "content"],
      ["same", "A"],
      ["changed", "new"],
      ["fresh 1", "F1"],
      ["fresh 2", "F2"],
      ["broken", "Hi ${"],
    ]);
    const before = await testbed.svc.list();
    const options = {
      input,
      workspaceId: testbed.svc.workspaceId,
      endpoint: testbed.svc.endpoint,
      credentials: testbed.svc.credentials,
    };
    const skip = await planImport(options);
    expect(skip.counts).toEqual({ create: 2, update: 0, skip: 2, conflict: 0, reject: 1, done: 0 });
    expect(skip.existingTemplates).toBe(2);
    expect(skip.examples.reject).toMatchObject([
      { line: 6, name: "broken", reasons: ["template-syntax"] },
    ]);
    const update = await planImport({ ...options, onExisting: "update" });
    expect(update.counts).toMatchObject({ create: 2, update: 1, skip: 1 });
    expect(update.examples.update[0]).toMatchObject({ name: "changed", line: 3 });
    const fail = await planImport({ ...options, onExisting: "fail", examplesPerAction: 1 });
    expect(fail.counts).toMatchObject({ create: 2, conflict: 2 });
    expect(fail.examples.conflict).toHaveLength(1);

    expect(await testbed.svc.list()).toEqual(before);
    expect(readdirSync(testbed.dir.path)).toEqual(["plan.csv"]);
  });

  it("plans from the checks alone when the service cannot be reached", async () => {
    const input = testbed.dir.csv("offline.csv", [
      ["name", "content"],
      ["a", "A"],
    ]);
    const plan = await planImport({
      input,
      workspaceId: testbed.svc.workspaceId,
      endpoint: "http://127.0.0.1:9",
      credentials: testbed.svc.credentials,
      timeoutMs: 2_000,
    });
    expect(plan.existingTemplates).toBeUndefined();
    expect(plan.serviceError?.name).toBe("ConnectionError");
    expect(plan.counts.create).toBe(1);
  });

  it("counts the rows an earlier run finished as done", async () => {
    const input = testbed.dir.csv("again.csv", [
      ["name", "content"],
      ["a", "A"],
      ["b", "B"],
    ]);
    const options = {
      input,
      workspaceId: testbed.svc.workspaceId,
      endpoint: testbed.svc.endpoint,
      credentials: testbed.svc.credentials,
    };
    await runImport(options);
    const plan = await planImport(options);
    expect(plan.resumes).toBe(true);
    expect(plan.counts).toMatchObject({ done: 2, create: 0 });
    expect(existsSync(plan.journalFile)).toBe(true);
  });

  it("lists the first rows of each action with how many more, and writes every row to --plan with a reject file beside it", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`fresh ${i}`, `F${i}`]);
    const broken = Array.from({ length: 7 }, (_, i) => [`broken ${i}`, "Hi ${"]);
    const input = testbed.dir.csv("many.csv", [["name", "content"], ...rows, ...broken]);
    const options = {
      input,
      workspaceId: testbed.svc.workspaceId,
      endpoint: testbed.svc.endpoint,
      credentials: testbed.svc.credentials,
    };
    const text = formatPlan(await planImport(options));
    expect(text).toContain("19 rows: create 12, update 0, skip 0, conflict 0, reject 7, done 0");
    expect(text).toContain("    …and 7 more (--plan FILE lists every row)");
    expect(text).toContain("    …and 2 more (--plan FILE lists every row)");

    const planFile = testbed.dir.file("many.plan.csv");
    const plan = await planImport({ ...options, planFile });
    expect(plan.planFile).toBe(planFile);
    const planned = parse(readFileSync(planFile), { columns: true }) as Record<string, string>[];
    expect(planned).toHaveLength(19);
    expect(planned.map((row) => row.action)).toEqual([
      ...Array(12).fill("create"),
      ...Array(7).fill("reject"),
    ]);
    expect(planned[12]).toMatchObject({ line: "14", name: "broken 0", reasons: "template-syntax" });
    const rejects = parse(readFileSync(testbed.dir.file("many.plan.rejects.csv")), {
      columns: true,
    });
    expect(rejects).toHaveLength(7);
    expect(rejects[0]).toMatchObject({ name: "broken 0", content: "Hi ${", line: "14" });
    expect(formatPlan(plan)).toContain(`  plan: ${planFile}`);
    // The plan files are the dry run's own: no journal, report or reject file of the job.
    expect(readdirSync(testbed.dir.path).sort()).toEqual([
      "many.csv",
      "many.plan.csv",
      "many.plan.rejects.csv",
    ]);
    expect(await testbed.svc.list()).toEqual([]);
  });
});
