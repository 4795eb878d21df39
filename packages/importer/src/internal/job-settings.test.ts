import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { ImportSetupError } from "../errors.js";
import { defaultJobFiles } from "../import-options.js";
import { jobSettings } from "./job-settings.js";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe("jobSettings", () => {
  it("fills in the defaults, with the job's files beside the input", () => {
    const input = dir.csv("data.csv", [["name", "content"]]);
    const settings = jobSettings({ input, workspaceId: "ws" });
    expect(settings).toMatchObject({
      inputPath: input,
      concurrency: 8,
      requestsPerSecond: undefined,
      onExisting: "skip",
      rejectFile: dir.file("data.rejects.csv"),
      reportFile: dir.file("data.report.csv"),
      journalFile: dir.file("data.journal"),
      limits: { nameMaxLength: 128, contentMaxLength: 20_000 },
      maxAttempts: 10,
    });
    expect(defaultJobFiles("/x/in.CSV").journalFile).toBe("/x/in.journal");
    expect(defaultJobFiles("/x/in.txt").reportFile).toBe("/x/in.txt.report.csv");
  });

  it("lists every problem of the options in one error", () => {
    const run = () =>
      jobSettings({
        input: dir.file("missing.csv"),
        workspaceId: " ",
        concurrency: 0,
        requestsPerSecond: -1,
        onExisting: "overwrite" as never,
      });
    expect(run).toThrow(ImportSetupError);
    expect(run).toThrow(
      "the workspace id is empty; concurrency must be a whole number ≥ 1; " +
        "requests per second must be a number > 0; on-existing must be one of skip, update, fail; " +
        `cannot read ${dir.file("missing.csv")} (ENOENT)`,
    );
  });

  it("refuses output files in a directory that does not exist", () => {
    const input = dir.csv("data.csv", [["name", "content"]]);
    expect(() =>
      jobSettings({ input, workspaceId: "ws", journalFile: dir.file("missing/job.journal") }),
    ).toThrow(`cannot write ${dir.file("missing/job.journal")} (the directory is missing`);
  });

  it("refuses a job whose files would overwrite each other", () => {
    const input = dir.csv("data.csv", [["name", "content"]]);
    expect(() => jobSettings({ input, workspaceId: "ws", reportFile: input })).toThrow(
      /must be four files/,
    );
  });
});
