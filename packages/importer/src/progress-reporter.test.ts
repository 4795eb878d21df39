import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ImportProgress } from "./import-progress.js";
import { createProgressReporter, formatProgressLine } from "./progress-reporter.js";

const progress = (overrides: Partial<ImportProgress>): ImportProgress => ({
  rowsRead: 0,
  sent: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  rejected: 0,
  existsFailed: 0,
  failed: 0,
  retried: 0,
  reconciled: 0,
  phase: "importing",
  bytesRead: 0,
  totalBytes: 1000,
  inFlight: 0,
  elapsedMs: 0,
  rowsPerSecond: 0,
  throttledUntil: undefined,
  ...overrides,
});

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120 });
  let text = "";
  (stream as unknown as PassThrough).on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe("formatProgressLine", () => {
  it("shows the counters, the share of the file read and the rate", () => {
    const line = formatProgressLine(
      progress({
        elapsedMs: 65_400,
        bytesRead: 250,
        rowsRead: 120,
        sent: 100,
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
    expect(line).toBe(
      "[01:05] importing 25% | read 120 sent 100 created 90 updated 5 skipped 3 rejected 3 " +
        "retried 7 | 12.3 rows/s | throttled, waiting",
    );
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

  it("draws a bar on a terminal", () => {
    const { stream, text } = fakeStream(true);
    const reporter = createProgressReporter({ stream });
    reporter.onProgress(progress({ bytesRead: 500, rowsRead: 10, created: 9 }));
    reporter.stop();
    expect(text()).toMatch(/50% \| 10 rows \| created 9 updated 0/);
  });
});
