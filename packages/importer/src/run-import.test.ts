// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { appendFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CsvRecord, readCsv, useImportTestbed } from "./__test__/import-testbed.js";
import { compareNames, startWriteFailingProxy } from "./__test__/local-service.js";
import { CsvHeaderError, JournalMismatchError } from "./errors.js";
import { formatSummary } from "./format-summary.js";
import type { ImportProgress } from "./import-progress.js";
import { Journal } from "./internal/journal.js";
import { rowDigest } from "./internal/row-identity.js";
import { defaultJobFiles } from "./job-files.js";
import { formatProgressLine } from "./progress-reporter.js";
import { REJECT_REASONS, type RejectReason } from "./reject-reason.js";
import { runImport } from "./run-import.js";

const testbed = useImportTestbed();
const { optionsFor } = testbed;

/** Reasons seen in reject files across this file's tests; the last test wants all of them. */
const reasonsSeen = new Set<string>();
function rejectsOf(path: string): CsvRecord[] {
  const rows = readCsv(path);
  for (const row of rows)
    for (const reason of (row.reasons ?? "").split(";")) reasonsSeen.add(reason);
  return rows;
}

async function createTemplate(name: string, content: string): Promise<string> {
  const created = await testbed.svc.client.createPromptTemplate({
    workspaceId: testbed.svc.workspaceId,
    name,
    content,
  });
  return created.promptTemplateId;
}

describe("runImport against the local service", () => {
  it("creates every row, with unicode, URL-special characters and newlines intact", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      `模板 ${i} *()!'~+&=%# 😀`,
      `第${i}个 \${主题}\r\nline two with "quotes", commas & 100% *()!`,
      "主题",
    ]);
    const input = testbed.dir.csv("templates.csv", [["name", "content", "variables"], ...rows]);
    const summary = await runImport(optionsFor(input));
    expect(summary).toMatchObject({ status: "completed", rowsRead: 120, created: 120, sent: 120 });
    expect(summary.rejected + summary.skipped + summary.failed).toBe(0);

    // Rows run concurrently, so the service's creation order is not the file's.
    const templates = await testbed.svc.list();
    const byName = new Map(templates.map((t) => [t.name, t]));
    expect(templates).toHaveLength(120);
    for (const [name, content] of rows) expect(byName.get(name as string)?.content).toBe(content);
    expect(byName.get(rows[0]?.[0] as string)?.variables).toEqual(["主题"]);
    const report = readCsv(summary.reportFile);
    expect(report.map((row) => row.line)).toEqual(rows.map((_, i) => String(2 + i * 2)));
    for (const row of report) {
      expect(row.promptTemplateId).toBe(byName.get(row.name as string)?.promptTemplateId);
    }
    expect(readCsv(summary.rejectFile)).toEqual([]);
  });

  it("sends no row that fails a check, and writes each to the reject file with its reasons", async () => {
    const header = ["name", "content", "variables", "sample"];
    const good: string[][] = [
      ["fine", "Hi ${u}", "u", '{"u": "Ann"}'],
      ["also fine", "No variables", "", ""],
    ];
    const bad: Array<[RejectReason, string[]]> = [
      ["name-empty", ["", "x", "", ""]],
      ["name-too-long", ["n".repeat(301), "x", "", ""]],
      ["name-duplicate-in-file", ["fine", "other", "", ""]],
      ["content-empty", ["empty", "", "", ""]],
      ["content-too-long", ["long", "x".repeat(20_001), "", ""]],
      ["template-syntax", ["syntax", "Hi ${", "", ""]],
      ["variables-invalid", ["vars", "${a}", "[1]", ""]],
      ["variable-undeclared", ["undeclared", "${a} ${b}", "a", ""]],
      ["variable-unused", ["unused", "${a}", "a;b", ""]],
      ["sample-invalid", ["sample bad", "${a}", "a", "not json"]],
      ["sample-incomplete", ["sample short", "${a} ${b}", "a;b", '{"a": "1"}']],
      // Within our limit of 300 but over the service's 128: only the service can refuse it.
      ["service-rejected", ["s".repeat(200), "x", "", ""]],
    ];
    const input = testbed.dir.csv("checks.csv", [header, ...good, ...bad.map(([, row]) => row)]);
    appendFileSync(input, 'quotes,"broken" here,,\n');
    appendFileSync(input, "columns,too,many,fields,here\n");
    appendFileSync(input, Buffer.from([...Buffer.from("utf8,caf"), 0xe9, ...Buffer.from(",,\n")]));
    appendFileSync(input, `huge,"${"y".repeat(40_000)}",,\n`);
    appendFileSync(input, "last,Last row,,\n");

    const summary = await runImport(
      optionsFor(input, { limits: { nameMaxLength: 300 }, maxFieldBytes: 30_000 }),
    );
    expect(summary).toMatchObject({ status: "completed", created: 3, rejected: 16 });
    expect((await testbed.svc.list()).map((t) => t.name).sort()).toEqual([
      "also fine",
      "fine",
      "last",
    ]);

    const rejects = rejectsOf(summary.rejectFile);
    const expected = [
      ...bad.map(([reason], i) => [String(4 + i), reason]),
      ["16", "csv-quotes"],
      ["17", "csv-column-count"],
      ["18", "csv-invalid-utf8"],
      ["19", "csv-field-too-large"],
    ];
    expect(rejects.map((row) => [row.line, row.reasons])).toEqual(expected);
    expect(rejects[2]?.name).toBe("fine");
    expect(rejects[2]?.content).toBe("other");
    expect(rejects[11]?.message).toMatch(/^PromptTemplate\.NameInvalid: /);
    expect(rejects[13]?.message).toMatch(/fields beyond the header: \["here"\]/);
    const report = readCsv(summary.reportFile);
    expect(report).toHaveLength(19);
    expect(report.filter((row) => row.outcome === "rejected")).toHaveLength(16);
  });

  it("skips rows whose name exists by default, reporting the existing template", async () => {
    const same = await createTemplate("same", "A");
    const changed = await createTemplate("changed", "old");
    const input = testbed.dir.csv("skip.csv", [
      ["name", "content"],
      ["same", "A"],
      ["changed", "new"],
      ["fresh", "F"],
    ]);
    const summary = await runImport(optionsFor(input));
    expect(summary).toMatchObject({ created: 1, skipped: 2, sent: 1 });
    const report = readCsv(summary.reportFile);
    expect(report.map((row) => [row.name, row.outcome, row.promptTemplateId])).toEqual([
      ["same", "skipped", same],
      ["changed", "skipped", changed],
      ["fresh", "created", expect.any(String)],
    ]);
    const byName = new Map((await testbed.svc.list()).map((t) => [t.name, t.content]));
    expect(byName.get("changed")).toBe("old");
  });

  it("updates rows whose content differs with --on-existing update, and skips equal ones", async () => {
    const same = await createTemplate("same", "A");
    const changed = await createTemplate("changed", "old");
    const input = testbed.dir.csv("update.csv", [
      ["name", "content"],
      ["same", "A"],
      ["changed", "new"],
      ["fresh", "F"],
    ]);
    const summary = await runImport(optionsFor(input, { onExisting: "update" }));
    expect(summary).toMatchObject({ created: 1, updated: 1, skipped: 1, sent: 2 });
    const report = readCsv(summary.reportFile);
    expect(report.map((row) => [row.name, row.outcome, row.promptTemplateId])).toEqual([
      ["same", "skipped", same],
      ["changed", "updated", changed],
      ["fresh", "created", expect.any(String)],
    ]);
    const templates = await testbed.svc.list();
    expect(templates.map((t) => [t.name, t.content])).toEqual([
      ["same", "A"],
      ["changed", "new"],
      ["fresh", "F"],
    ]);
  });

  it("rejects rows whose name exists with --on-existing fail", async () => {
    await createTemplate("same", "A");
    const input = testbed.dir.csv("fail.csv", [
      ["name", "content"],
      ["same", "A"],
      ["fresh", "F"],
    ]);
    const summary = await runImport(optionsFor(input, { onExisting: "fail" }));
    expect(summary).toMatchObject({ status: "completed", created: 1, existsFailed: 1 });
    expect(readCsv(summary.reportFile).map((row) => row.outcome)).toEqual([
      "exists-failed",
      "created",
    ]);
    const rejects = rejectsOf(summary.rejectFile);
    expect(rejects.map((row) => [row.name, row.line, row.reasons])).toEqual([
      ["same", "2", "name-exists"],
    ]);
  });

  it("does not guess which of several templates with the name to update", async () => {
    await createTemplate("twin", "one");
    await createTemplate("twin", "two");
    const input = testbed.dir.csv("twins.csv", [
      ["name", "content"],
      ["twin", "three"],
    ]);
    const summary = await runImport(optionsFor(input, { onExisting: "update" }));
    expect(summary).toMatchObject({ rejected: 1, updated: 0 });
    expect(rejectsOf(summary.rejectFile).map((row) => row.reasons)).toEqual(["name-ambiguous"]);
    expect((await testbed.svc.list()).map((t) => t.content)).toEqual(["one", "two"]);
  });

  it("cannot start while the service fails every request", async () => {
    const input = testbed.dir.csv("down.csv", [
      ["name", "content"],
      ["a", "A"],
    ]);
    testbed.svc.service.setFaults({ rate: 1, kinds: ["error500"], retryAfterMs: 0 });
    const summary = await runImport(optionsFor(input));
    expect(summary).toMatchObject({
      status: "failed",
      sent: 0,
      error: { code: "PromptTemplate.InternalError" },
    });
  });

  it("gives a row up for this run when writes keep failing, and creates it on the next", async () => {
    const proxy = await startWriteFailingProxy(testbed.svc.endpoint);
    try {
      const input = testbed.dir.csv("flaky.csv", [
        ["name", "content"],
        ["flaky", "F"],
      ]);
      const first = await runImport(
        optionsFor(input, { maxAttempts: 2, endpoint: proxy.endpoint }),
      );
      expect(first).toMatchObject({ status: "completed", failed: 1, rejected: 1, created: 0 });
      expect(first.reconciled).toBe(2);
      expect(rejectsOf(first.rejectFile).map((row) => row.reasons)).toEqual(["retries-exhausted"]);
      expect(readCsv(first.reportFile)[0]).toMatchObject({ outcome: "rejected", attempts: "2" });

      proxy.failWrites = false;
      const second = await runImport(optionsFor(input, { endpoint: proxy.endpoint }));
      expect(second).toMatchObject({ status: "completed", created: 1, failed: 0, sent: 1 });
      expect((await testbed.svc.list()).map((t) => t.name)).toEqual(["flaky"]);
    } finally {
      await proxy.close();
    }
  });

  it("stops at once on bad credentials, as a failed job", async () => {
    const input = testbed.dir.csv("auth.csv", [
      ["name", "content"],
      ["a", "A"],
    ]);
    const summary = await runImport(
      optionsFor(input, {
        credentials: { accessKeyId: testbed.svc.credentials.accessKeyId, accessKeySecret: "wrong" },
      }),
    );
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatchObject({ name: "AuthError", code: "SignatureDoesNotMatch" });
    expect(summary.error?.message).not.toContain("wrong");
    expect(await testbed.svc.list()).toEqual([]);
  });

  it("fails before anything on an unusable header, leaving no journal", async () => {
    const input = testbed.dir.csv("header.csv", [
      ["name", "content", "owner"],
      ["a", "A", "me"],
    ]);
    await expect(runImport(optionsFor(input))).rejects.toThrow(CsvHeaderError);
    expect(readdirSync(testbed.dir.path)).toEqual(["header.csv"]);
    const allowed = await runImport(optionsFor(input, { allowUnknownColumns: true }));
    expect(allowed.created).toBe(1);
  });

  it("refuses a journal given for another target instead of mixing two jobs", async () => {
    const input = testbed.dir.csv("first.csv", [
      ["name", "content"],
      ["a", "A"],
    ]);
    const journalFile = testbed.dir.file("shared.journal");
    await runImport(optionsFor(input, { journalFile }));
    const proxy = await startWriteFailingProxy(testbed.svc.endpoint);
    try {
      // The same service through another endpoint is another target.
      const error = await runImport(
        optionsFor(input, { journalFile, endpoint: proxy.endpoint }),
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(JournalMismatchError);
      expect((error as Error).message).toContain(
        `endpoint was ${testbed.svc.endpoint}, now ${proxy.endpoint}`,
      );
    } finally {
      await proxy.close();
    }
    expect((await testbed.svc.list()).map((t) => t.name)).toEqual(["a"]);
  });

  it("resumes after an interruption: nothing twice, nothing missing, every row reported", async () => {
    const names = Array.from({ length: 600 }, (_, i) => `row-${i}`);
    const input = testbed.dir.csv("resume.csv", [
      ["name", "content"],
      ...names.map((n) => [n, `c ${n}`]),
    ]);
    const controller = new AbortController();
    const onProgress = (progress: ImportProgress) => {
      if (progress.created >= 150) controller.abort();
    };
    const first = await runImport(
      optionsFor(input, { signal: controller.signal, onProgress, progressIntervalMs: 5 }),
    );
    expect(first.status).toBe("interrupted");
    expect(first.created).toBeGreaterThanOrEqual(150);
    expect(first.created).toBeLessThan(600);

    const second = await runImport(optionsFor(input));
    expect(second).toMatchObject({ status: "completed", resumed: true, created: 600 });
    expect(second.doneEarlier).toBeGreaterThanOrEqual(first.created);
    expect(second.sent).toBeLessThanOrEqual(600 - first.created);
    expect(compareNames(await testbed.svc.list(), names)).toEqual({
      duplicates: [],
      missing: [],
      unexpected: [],
    });
    const report = readCsv(second.reportFile);
    expect(report.map((row) => row.name)).toEqual(names);
    expect(new Set(report.map((row) => row.outcome))).toEqual(new Set(["created"]));
  });

  it("adopts what a killed run created and deletes the extra copy a late commit left", async () => {
    const input = testbed.dir.csv("ghost.csv", [
      ["name", "content"],
      ["ghost", "G"],
      ["plain", "P"],
    ]);
    // A run sent the Create of line 2 twice (the first answer lost) and was killed before
    // it recorded an answer; both Creates committed.
    const first = await createTemplate("ghost", "G");
    await createTemplate("ghost", "G");
    const target = { workspaceId: testbed.svc.workspaceId, endpoint: testbed.svc.endpoint };
    const journal = await Journal.open(defaultJobFiles(input, target).journalFile, target);
    const ghost = rowDigest({ name: "ghost", content: "G", variables: undefined });
    journal.intent(ghost, "create");
    journal.append({ kind: "unknown", row: ghost, error: "ServerError" });
    journal.intent(ghost, "create");
    journal.close();

    const summary = await runImport(optionsFor(input));
    expect(summary).toMatchObject({ created: 2, reconciled: 1, duplicatesRemoved: 1, sent: 1 });
    const templates = await testbed.svc.list();
    expect(templates.map((t) => [t.name, t.promptTemplateId === first])).toEqual([
      ["ghost", true],
      ["plain", false],
    ]);
    const again = await runImport(optionsFor(input));
    expect(again).toMatchObject({ sent: 0, duplicatesRemoved: 0, doneEarlier: 2 });
  });

  it("creates each row exactly once with 20% of requests failing (500, throttle, cut after commit)", async () => {
    const names = Array.from({ length: 400 }, (_, i) => `faulty-${i}`);
    const input = testbed.dir.csv("faults.csv", [
      ["name", "content"],
      ...names.map((n) => [n, `c ${n}`]),
    ]);
    testbed.svc.service.setFaults({
      rate: 0.2,
      kinds: ["error500", "throttle", "cut-after-commit"],
      seed: 20,
      retryAfterMs: 20,
    });
    const summary = await runImport(optionsFor(input));
    testbed.svc.service.setFaults({ rate: 0, kinds: ["error500"], retryAfterMs: 0 });
    expect(summary).toMatchObject({ status: "completed", created: 400, rejected: 0 });
    expect(summary.retried).toBeGreaterThan(0);
    expect(summary.reconciled).toBeGreaterThan(0);
    expect(compareNames(await testbed.svc.list(), names)).toEqual({
      duplicates: [],
      missing: [],
      unexpected: [],
    });
    const report = readCsv(summary.reportFile);
    expect(report.some((row) => Number(row.attempts) > 1)).toBe(true);
    expect(report.some((row) => row.message === "the answer was lost; found by listing")).toBe(
      true,
    );
  });

  it("rejects near-duplicate names when asked to, naming the row they repeat", async () => {
    const input = testbed.dir.csv("near.csv", [
      ["name", "content"],
      ["Weekly report", "A"],
      ["weekly report\u200b", "B"],
    ]);
    const summary = await runImport(optionsFor(input, { nearDuplicates: "reject" }));
    expect(summary).toMatchObject({ created: 1, rejected: 1, nearDuplicates: 1 });
    expect(
      rejectsOf(summary.rejectFile).map((row) => [row.line, row.reasons, row.message]),
    ).toEqual([["3", "name-near-duplicate", 'the name reads the same as line 2 "Weekly report"']]);
  });

  it("reports progress in rows, by phase, with the summary's category names", async () => {
    for (const name of ["taken 1", "taken 2"]) await createTemplate(name, "old");
    const names = Array.from({ length: 400 }, (_, i) => `p-${i}`);
    const input = testbed.dir.csv("progress.csv", [
      ["name", "content"],
      ...names.map((n) => [n, `c ${n}`]),
      ["taken 1", "new"],
      ["taken 2", "new"],
    ]);
    const events: ImportProgress[] = [];
    const summary = await runImport(
      optionsFor(input, {
        onExisting: "fail",
        progressIntervalMs: 2,
        onProgress: (progress) => events.push(progress),
      }),
    );
    expect(summary).toMatchObject({ created: 400, existsFailed: 2, rejected: 0 });
    // The total is known before the first row is sent, not learned by reading.
    expect(new Set(events.map((event) => event.rowsTotal))).toEqual(new Set([402]));
    const midway = events.filter((event) => event.phase === "importing" && event.sent > 0);
    expect(midway.length).toBeGreaterThan(0);
    for (const event of midway) {
      expect(event.rowsDone).toBeLessThanOrEqual(event.rowsDecided);
      expect(event.rowsDecided).toBeLessThanOrEqual(event.rowsRead);
      const percent = Number(/ (\d+)% /.exec(formatProgressLine(event))?.[1]);
      expect(percent).toBe(Math.floor((event.rowsDone / 402) * 100));
    }
    expect(midway.some((event) => event.rowsDone < event.rowsRead)).toBe(true);
    const last = events.at(-1) as ImportProgress;
    expect(last).toMatchObject({ phase: "done", rowsDone: 402, existsFailed: 2, rejected: 0 });
    expect(formatProgressLine(last)).toContain("rejected 0 exists-failed 2");
    expect(formatSummary(summary)).toContain("rejected 0, exists-failed 2");
  });

  it("has put every reject reason into a reject file", () => {
    expect([...reasonsSeen].filter((r) => r !== "").sort()).toEqual(
      Object.keys(REJECT_REASONS).sort(),
    );
  });
});
