import { mkdirSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { useImportTestbed } from "./__test__/import-testbed.js";
import { compareNames } from "./__test__/local-service.js";
import { trackImporterTimers } from "./__test__/timer-tracker.js";
import { ImportSetupError } from "./errors.js";
import { IMPORT_EXIT_CODES, importExitCode } from "./exit-codes.js";
import { planImport } from "./plan-import.js";
import { runImport } from "./run-import.js";

/*
 * I/O errors while a job runs fail the job, not the process: a clear message, a summary,
 * the right exit code, and no file handle or timer left behind. The failures are real ones
 * (a write to /dev/full fails with ENOSPC, as on a full disk); the journal on a full file
 * system is tested with the worker (apps/worker), which can run in a mount namespace of its own.
 */

const testbed = useImportTestbed();
const { optionsFor } = testbed;

/** Files this process has open under `path` (from /proc: what a leak would leave). */
function openFilesUnder(path: string): string[] {
  const open: string[] = [];
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(path)) open.push(target);
    } catch {
      // Closed between the listing and the read.
    }
  }
  return open;
}

describe("I/O errors during a run", () => {
  it("fails the job cleanly when the report cannot be written (ENOSPC), and the same command resumes", async () => {
    const rows = Array.from({ length: 600 }, (_, i) => [`row-${i}`, `content ${i}`]);
    const input = testbed.dir.csv("full.csv", [["name", "content"], ...rows]);
    const timers = trackImporterTimers();
    const journalFile = testbed.dir.file("full.journal");
    const summary = await runImport(optionsFor(input, { reportFile: "/dev/full", journalFile }));
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatchObject({ name: "ImportFileError", code: "ENOSPC" });
    expect(summary.error?.message).toMatch(
      /^cannot write \/dev\/full: ENOSPC \(no space left on device/,
    );
    expect(importExitCode(summary)).toBe(IMPORT_EXIT_CODES.files);
    expect(summary.created).toBeGreaterThan(0);
    expect(openFilesUnder(testbed.dir.path)).toEqual([]);
    expect(openFilesUnder("/dev/full")).toEqual([]);
    // A timer fires or is cleared on a later turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    timers.stop();
    expect(timers.live()).toEqual([]);

    // The journal holds what was created: the next run sends only the rest.
    const resumed = await runImport(optionsFor(input, { journalFile }));
    expect(resumed).toMatchObject({ status: "completed", created: 600, resumed: true });
    expect(resumed.sent).toBe(600 - resumed.doneEarlier);
    expect(
      compareNames(
        await testbed.svc.list(),
        rows.map(([name]) => name as string),
      ),
    ).toEqual({
      duplicates: [],
      missing: [],
      unexpected: [],
    });
    const report = parse(readFileSync(resumed.reportFile), { columns: true });
    expect(report).toHaveLength(600);
  });

  it("refuses a directory where a file is expected before anything is sent", async () => {
    const input = testbed.dir.csv("testbed.dir.csv", [
      ["name", "content"],
      ["a", "A"],
    ]);
    const directory = testbed.dir.file("a-directory");
    mkdirSync(directory);
    for (const option of [{ reportFile: directory }, { journalFile: directory }]) {
      const error = await runImport(optionsFor(input, option)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportSetupError);
      expect((error as Error).message).toContain(directory);
    }
    expect(openFilesUnder(testbed.dir.path)).toEqual([]);
    expect(await testbed.svc.list()).toEqual([]);
  });

  it("closes the CSV file when the journal cannot be read in a dry run", async () => {
    const input = testbed.dir.csv("plan.csv", [
      ["name", "content"],
      ["a", "A"],
    ]);
    const journalFile = testbed.dir.file("plan.journal");
    mkdirSync(journalFile);
    await expect(planImport(optionsFor(input, { journalFile }))).rejects.toMatchObject({
      code: "EISDIR",
    });
    expect(openFilesUnder(testbed.dir.path)).toEqual([]);
  });
});
