import { readFileSync, statSync, writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { readCsv, useImportTestbed } from "./__test__/import-testbed.js";
import { compareNames } from "./__test__/local-service.js";
import { planImport } from "./plan-import.js";
import { runImport } from "./run-import.js";

/*
 * Files are edited and run again, as people do with migration files: only what changed is
 * sent, nothing is mapped to another row's outcome, and nothing blocks the next run.
 */

const testbed = useImportTestbed({ workspaces: 2 });
const { optionsFor } = testbed;

const writeCsv = (path: string, rows: ReadonlyArray<readonly string[]>) =>
  writeFileSync(path, stringify([["name", "content"], ...rows] as string[][]));

/** Deterministic shuffle (the order must change, the same way on every run of the test). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("running an edited file again", () => {
  it("creates a row changed at the same length beyond the first 64 KiB, leaving the old one as it was", async () => {
    const rows = Array.from({ length: 700 }, (_, i) => {
      const n = String(i).padStart(4, "0");
      return [`r${n}`, `row ${n} ${"x".repeat(100)}`];
    });
    const input = testbed.dir.file("big.csv");
    writeCsv(input, rows);
    expect(statSync(input).size).toBeGreaterThan(80_000);
    const first = await runImport(optionsFor(input));
    expect(first).toMatchObject({ status: "completed", created: 700 });
    const oldId = readCsv(first.reportFile).find((row) => row.name === "r0699")?.promptTemplateId;

    const before = statSync(input).size;
    rows[699] = ["x0699", `ROW 0699 ${"x".repeat(100)}`];
    writeCsv(input, rows);
    expect(statSync(input).size).toBe(before);

    const second = await runImport(optionsFor(input));
    expect(second).toMatchObject({ status: "completed", created: 700, sent: 1, doneEarlier: 699 });
    const templates = await testbed.svc.list();
    const byName = new Map(templates.map((template) => [template.name, template]));
    expect(templates).toHaveLength(701);
    expect(byName.get("r0699")).toMatchObject({
      promptTemplateId: oldId,
      content: `row 0699 ${"x".repeat(100)}`,
    });
    const newRow = readCsv(second.reportFile).find((row) => row.name === "x0699");
    expect(newRow).toMatchObject({ outcome: "created", attempts: "1" });
    expect(newRow?.promptTemplateId).toBe(byName.get("x0699")?.promptTemplateId);
    expect(newRow?.promptTemplateId).not.toBe(oldId);
  });

  it("sends exactly the new rows after an edit, an append and a reorder; the dry run says so first", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`t${i}`, `content ${i}`]);
    const input = testbed.dir.file("edit.csv");
    writeCsv(input, rows);
    expect(await runImport(optionsFor(input))).toMatchObject({ created: 50, sent: 50 });

    const renamed = rows.map(([name, content], i) =>
      i % 17 === 3 ? [`${name}-renamed`, content as string] : [name as string, content as string],
    );
    const appended = Array.from({ length: 5 }, (_, i) => [`new ${i}`, `new content ${i}`]);
    const edited = shuffled([...renamed, ...appended]);
    writeCsv(input, edited);
    const newNames = [...renamed.filter(([name]) => name?.endsWith("-renamed")), ...appended].map(
      ([name]) => name as string,
    );
    expect(newNames).toHaveLength(8);

    const plan = await planImport({ ...optionsFor(input), examplesPerAction: 20 });
    expect(plan.counts).toMatchObject({ create: 8, done: 47, skip: 0 });
    expect(plan.examples.create.map((row) => row.name).sort()).toEqual([...newNames].sort());

    const second = await runImport(optionsFor(input));
    expect(second).toMatchObject({
      status: "completed",
      sent: 8,
      created: 55,
      doneEarlier: 47,
      resumed: true,
    });
    const report = readCsv(second.reportFile);
    expect(report.map((row) => row.name)).toEqual(edited.map(([name]) => name));
    expect(
      report
        .filter((row) => row.attempts === "1")
        .map((row) => row.name)
        .sort(),
    ).toEqual([...newNames].sort());
    expect(
      compareNames(await testbed.svc.list(), [...rows.map(([n]) => n as string), ...newNames]),
    ).toEqual({
      duplicates: [],
      missing: [],
      unexpected: [],
    });

    // The content of two rows changes: with --on-existing update, exactly those two are sent.
    const changed = edited.map(([name, content]) =>
      name === "t0" || name === "new 1"
        ? [name, `${content} v2`]
        : [name as string, content as string],
    );
    writeCsv(input, changed);
    const third = await runImport(optionsFor(input, { onExisting: "update" }));
    expect(third).toMatchObject({ sent: 2, updated: 2, doneEarlier: 53 });
    const contents = new Map((await testbed.svc.list()).map((t) => [t.name, t.content]));
    expect(contents.get("t0")).toBe("content 0 v2");
    expect(contents.get("new 1")).toBe("new content 1 v2");
  });

  it("imports the same file into a second workspace, with files of its own, and runs either again", async () => {
    const [first = "", second = ""] = testbed.svc.workspaceIds;
    const input = testbed.dir.file("both.csv");
    writeCsv(input, [
      ["a", "A"],
      ["b", "B"],
    ]);
    const one = await runImport(optionsFor(input, { workspaceId: first }));
    const two = await runImport(optionsFor(input, { workspaceId: second }));
    expect(one).toMatchObject({ status: "completed", created: 2, sent: 2 });
    expect(two).toMatchObject({ status: "completed", created: 2, sent: 2, resumed: false });
    expect(two.journalFile).not.toBe(one.journalFile);
    expect(two.reportFile).not.toBe(one.reportFile);
    expect((await testbed.svc.list(first)).map((t) => t.name)).toEqual(["a", "b"]);
    expect((await testbed.svc.list(second)).map((t) => t.name)).toEqual(["a", "b"]);
    // Both reports stay, each with the ids of its own workspace.
    const idsOf = (file: string) => readCsv(file).map((row) => row.promptTemplateId);
    expect(idsOf(one.reportFile)).toEqual(
      (await testbed.svc.list(first)).map((t) => t.promptTemplateId),
    );
    expect(idsOf(two.reportFile)).toEqual(
      (await testbed.svc.list(second)).map((t) => t.promptTemplateId),
    );

    const again = await runImport(optionsFor(input, { workspaceId: first }));
    expect(again).toMatchObject({ status: "completed", sent: 0, doneEarlier: 2, created: 2 });
  });

  it("decides afresh what a changed --on-existing changes on a finished file, and keeps what it created", async () => {
    for (const name of ["exists 1", "exists 2"]) {
      await testbed.svc.client.createPromptTemplate({
        workspaceId: testbed.svc.workspaceId,
        name,
        content: "old",
      });
    }
    const input = testbed.dir.file("modes.csv");
    writeCsv(input, [
      ["exists 1", "new"],
      ["exists 2", "new"],
      ["fresh", "F"],
    ]);
    const skip = await runImport(optionsFor(input));
    expect(skip).toMatchObject({ skipped: 2, created: 1, sent: 1 });

    const update = await runImport(optionsFor(input, { onExisting: "update" }));
    expect(update).toMatchObject({ updated: 2, created: 1, sent: 2, doneEarlier: 1 });
    expect(readCsv(update.reportFile).map((row) => [row.name, row.outcome])).toEqual([
      ["exists 1", "updated"],
      ["exists 2", "updated"],
      ["fresh", "created"],
    ]);
    expect(readCsv(update.reportFile)[2]?.message).toMatch(/an earlier run/);

    const fail = await runImport(optionsFor(input, { onExisting: "fail" }));
    // Updated by the last run, these rows' content is there: done, whatever --on-existing says.
    expect(fail).toMatchObject({ sent: 0, doneEarlier: 3, existsFailed: 0 });
  });

  it("keeps the report of each run beside its own journal: a second --journal overwrites nothing", async () => {
    const input = testbed.dir.file("side.csv");
    writeCsv(input, [["a", "A"]]);
    const first = await runImport(optionsFor(input));
    const firstReport = readFileSync(first.reportFile, "utf8");

    writeCsv(input, [
      ["a", "A"],
      ["b", "B"],
    ]);
    const second = await runImport(
      optionsFor(input, { journalFile: testbed.dir.file("other.journal") }),
    );
    expect(second).toMatchObject({
      reportFile: testbed.dir.file("other.report.csv"),
      rejectFile: testbed.dir.file("other.rejects.csv"),
      // A new journal knows nothing: `a` exists, so it is skipped, not created twice.
      skipped: 1,
      created: 1,
    });
    expect(readFileSync(first.reportFile, "utf8")).toBe(firstReport);
    expect(readCsv(second.reportFile).map((row) => row.outcome)).toEqual(["skipped", "created"]);
  });

  it("creates every row of both files exactly once with 20% of requests failing, the file edited between runs", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`faulty-${i}`, `c ${i}`]);
    const input = testbed.dir.file("faults.csv");
    writeCsv(input, rows);
    testbed.svc.service.setFaults({
      rate: 0.2,
      kinds: ["error500", "throttle", "cut-after-commit"],
      seed: 11,
      retryAfterMs: 20,
    });
    const first = await runImport(optionsFor(input));
    expect(first).toMatchObject({ status: "completed", created: 200, rejected: 0 });

    const added = Array.from({ length: 100 }, (_, i) => [`added-${i}`, `a ${i}`]);
    const renamed = rows.slice(0, 20).map(([name, content]) => [`${name}-v2`, content as string]);
    const edited = shuffled([...rows.slice(20), ...renamed, ...added]) as string[][];
    writeCsv(input, edited);
    const second = await runImport(optionsFor(input));
    testbed.svc.service.setFaults({ rate: 0, kinds: ["error500"], retryAfterMs: 0 });
    expect(second).toMatchObject({
      status: "completed",
      created: 300,
      rejected: 0,
      doneEarlier: 180,
    });
    expect(second.reconciled + second.retried).toBeGreaterThan(0);
    const expected = [...rows, ...renamed, ...added].map(([name]) => name as string);
    expect(compareNames(await testbed.svc.list(), expected)).toEqual({
      duplicates: [],
      missing: [],
      unexpected: [],
    });
  });
});
