import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { JobLedger } from "./job-ledger.js";
import { JobReports } from "./job-reports.js";
import { Journal } from "./journal.js";
import type { SourceRow } from "./row-source.js";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const target = { workspaceId: "llm-w", endpoint: "http://127.0.0.1:1" };
const row = (index: number, name: string): SourceRow => ({
  index,
  line: index + 2,
  name,
  fields: [name, `content of ${name}`],
  row: undefined,
  digest: `digest-${name}`,
  contentDigest: undefined,
  problems: [],
  nearDuplicates: [],
});

describe("JobLedger", () => {
  it("reports rows in file order, journals final outcomes only, and counts every outcome", async () => {
    const journal = await Journal.open(dir.file("j.journal"), target);
    const reports = JobReports.open(dir.file("r.csv"), dir.file("x.csv"), ["name", "content"]);
    const ledger = new JobLedger(journal, reports);
    ledger.finish(row(2, "c"), { outcome: "skipped", id: "t9", final: false });
    ledger.finish(row(0, "a"), { outcome: "created", id: "t1", attempts: 1, final: true });
    expect(ledger.waiting).toBe(1);
    ledger.giveUp(row(1, "b"), 10, "gave up after 10 attempt(s): 500");
    ledger.finish(row(3, "d"), {
      outcome: "created",
      id: "t4",
      final: true,
      earlier: true,
      nearDuplicates: [{ kind: "row", line: 2, name: "A" }],
    });
    ledger.flush();
    reports.close();
    journal.close();

    expect(ledger.counts).toMatchObject({
      created: 2,
      skipped: 1,
      rejected: 1,
      failed: 1,
      nearDuplicates: 1,
    });
    expect([ledger.doneEarlier, ledger.finishedThisRun, ledger.rowsDone]).toEqual([1, 3, 4]);
    const report: Record<string, string>[] = parse(readFileSync(dir.file("r.csv")), {
      columns: true,
    });
    expect(report.map((r) => [r.name, r.outcome, r.warnings])).toEqual([
      ["a", "created", ""],
      ["b", "rejected", ""],
      ["c", "skipped", ""],
      ["d", "created", 'the name reads the same as line 2 "A"'],
    ]);
    const rejects = parse(readFileSync(dir.file("x.csv")), { columns: true });
    expect(rejects).toEqual([
      {
        name: "b",
        content: "content of b",
        line: "3",
        reasons: "retries-exhausted",
        message: "gave up after 10 attempt(s): 500",
      },
    ]);
    const again = await Journal.open(dir.file("j.journal"), target);
    // Only "a" was finished for good in this run ("d" came from the journal already).
    expect(
      [...again.previous].filter(([, state]) => state.outcome !== undefined).map(([d]) => d),
    ).toEqual(["digest-a"]);
    again.close();
  });
});
