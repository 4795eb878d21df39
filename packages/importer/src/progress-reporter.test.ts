import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ImportProgress } from "./import-progress.js";
import { createProgressReporter, formatProgressLine } from "./progress-reporter.js";

const progress = (overrides: Partial<ImportProgress>): ImportProgress => ({
  rowsRead: 0,
  rowsDecided: 0,
  sent: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  rejected: 0,
  existsFailed: 0,
  failed: 0,
  retried: 0,
  reconciled: 0,
  nearDuplicates: 0,
  phase: "importing",
  rowsTotal: 2000,
  rowsDone: 0,
  templatesListed: 0,
  templatesTotal: undefined,
  inFlight: 0,
  elapsedMs: 0,
  rowsPerSecond: 0,
  throttledUntil: undefined,
  ...overrides,
});

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 200 });
  let text = "";
  (stream as unknown as PassThrough).on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe("formatProgressLine", () => {
  it("shows the phase, the share of rows done, each row count, the summary's categories and the rate", () => {
    const line = formatProgressLine(
      progress({
        elapsedMs: 65_400,
        rowsRead: 2000,
        rowsDecided: 1500,
        sent: 200,
        rowsDone: 101,
        created: 90,
        updated: 5,
        skipped: 3,
        rejected: 2,
        existsFailed: 1,
        retried: 7,
        rowsPerSecond: 12.34,
        throttledUntil: Date.now() + 1000,
      }),
    );
    // 200 of 2,000 rows sent while the whole file has been read: 5% done, not 100%.
    expect(line).toBe(
      "[01:05] importing 5% | rows 101/2000 done, read 2000, decided 1500, sent 200 | " +
        "created 90 updated 5 skipped 3 rejected 2 exists-failed 1 retried 7 | 12.3 rows/s | throttled, waiting",
    );
  });

  it("counts templates listed while it lists the workspace, not rows", () => {
    const line = formatProgressLine(
      progress({ phase: "listing", templatesListed: 300, templatesTotal: 1200 }),
    );
    expect(line).toMatch(/^\[00:00\] listing 25% \| listed 300 of 1200 templates \| created 0/);
  });
});

describe("createProgressReporter", () => {
  it("prints a line every interval when the stream is not a terminal, and the last one at stop", async () => {
    const { stream, text } = fakeStream(false);
    const reporter = createProgressReporter({ stream, lineIntervalMs: 2_000 });
    reporter.onProgress(progress({ elapsedMs: 100, created: 1 }));
    reporter.onProgress(progress({ elapsedMs: 1_900, created: 2 }));
    reporter.onProgress(progress({ elapsedMs: 2_200, created: 3 }));
    reporter.onProgress(progress({ elapsedMs: 2_500, created: 4 }));
    reporter.stop();
    const lines = text().trim().split("\n");
    expect(lines.map((line) => /created (\d+)/.exec(line)?.[1])).toEqual(["3", "4"]);
  });

  it("draws a bar of the rows done on a terminal", () => {
    const { stream, text } = fakeStream(true);
    const reporter = createProgressReporter({ stream });
    reporter.onProgress(
      progress({ rowsTotal: 20, rowsDone: 10, rowsRead: 20, created: 9, skipped: 1 }),
    );
    reporter.stop();
    expect(text()).toMatch(
      /50% \| rows 10\/20 done, read 20, decided 0, sent 0 \| created 9 updated 0 skipped 1/,
    );
  });
});
