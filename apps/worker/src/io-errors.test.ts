import { mkdirSync, readFileSync } from "node:fs";
import { IMPORT_EXIT_CODES } from "@promptmill/importer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onSmallDisk } from "./__test__/full-disk.js";
import { BIN, runWorker } from "./__test__/run-worker.js";
import {
  startTestService,
  type TempDir,
  type TestService,
  tempDir,
} from "./__test__/test-service.js";

let svc: TestService;
let dir: TempDir;
beforeEach(async () => {
  svc = await startTestService();
  dir = tempDir();
});
afterEach(async () => {
  await svc.close();
  dir.remove();
});

describe("promptmill-worker when its disk fills up", () => {
  it("fails the job with exit 5 and a summary when the journal's file system is full, and the kept journal resumes it", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [`full-${i}`, `content ${i}`]);
    const input = dir.csv("full.csv", [["name", "content"], ...rows]);
    const disk = dir.file("disk");
    const kept = dir.file("kept");
    mkdirSync(disk);
    mkdirSync(kept);
    const files = [
      "--report",
      dir.file("full.report.csv"),
      "--reject-file",
      dir.file("full.rejects.csv"),
    ];
    // 16 KiB hold the journal of some 70 rows: the run fills it half-way.
    const run = await runWorker(
      ["import", input, "--journal", `${disk}/full.journal`, ...files],
      svc.env,
      onSmallDisk(disk, 16, kept, [process.execPath, BIN]),
    );
    expect(run.code, run.stderr).toBe(IMPORT_EXIT_CODES.files);
    expect(run.stderr).toContain("Import failed:");
    expect(run.stderr).toMatch(
      new RegExp(
        `stopped by: cannot write ${disk}/full\\.journal: ENOSPC \\(no space left on device`,
      ),
    );
    expect(run.stderr).not.toMatch(/Unhandled| {4}at /);
    const created = (await svc.list()).length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(300);

    // The journal as the full disk left it: every request it sent is in it.
    const resumed = await runWorker(
      ["import", input, "--journal", `${kept}/full.journal`, ...files, "--json", "--quiet"],
      svc.env,
    );
    expect(resumed.code, resumed.stderr).toBe(IMPORT_EXIT_CODES.ok);
    // Not one row taken for "skipped": the request of a half-written intent was never sent.
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      status: "completed",
      created: 300,
      skipped: 0,
    });
    const names = (await svc.list()).map((template) => template.name);
    expect(names).toHaveLength(300);
    expect(new Set(names).size).toBe(300);
    expect(readFileSync(dir.file("full.report.csv"), "utf8").trim().split("\n")).toHaveLength(301);
  });
});
