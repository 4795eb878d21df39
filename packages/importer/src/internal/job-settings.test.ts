import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { ImportSetupError } from "../errors.js";
import { defaultJobFiles } from "../job-files.js";
import { jobSettings } from "./job-settings.js";

const ENDPOINT = "http://127.0.0.1:8080";
const target = { workspaceId: "llm-a", endpoint: ENDPOINT };

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe("jobSettings", () => {
  it("fills in the defaults, with the job's files beside the input, named after the target", () => {
    const input = dir.csv("data.csv", [["name", "content"]]);
    const settings = jobSettings({ input, workspaceId: "llm-a" }, ENDPOINT);
    expect(settings).toMatchObject({
      inputPath: input,
      concurrency: 8,
      requestsPerSecond: undefined,
      onExisting: "skip",
      nearDuplicates: "warn",
      rejectFile: dir.file("data.llm-a@127.0.0.1-8080.rejects.csv"),
      reportFile: dir.file("data.llm-a@127.0.0.1-8080.report.csv"),
      journalFile: dir.file("data.llm-a@127.0.0.1-8080.journal"),
      legacyJournalFile: dir.file("data.journal"),
      limits: { nameMaxLength: 128, contentMaxLength: 20_000 },
      maxAttempts: 10,
    });
    expect(defaultJobFiles("/x/in.CSV", target).journalFile).toBe(
      "/x/in.llm-a@127.0.0.1-8080.journal",
    );
    expect(defaultJobFiles("/x/in.txt", target).reportFile).toBe(
      "/x/in.txt.llm-a@127.0.0.1-8080.report.csv",
    );
    const cloud = { workspaceId: "llm-b", endpoint: "https://bailian.cn-beijing.aliyuncs.com" };
    expect(defaultJobFiles("/x/in.csv", cloud).journalFile).toBe(
      "/x/in.llm-b@bailian.cn-beijing.aliyuncs.com.journal",
    );
  });

  it("puts the report and reject file beside a journal given by path, so runs never share them", () => {
    const input = dir.csv("data.csv", [["name", "content"]]);
    const other = jobSettings(
      { input, workspaceId: "llm-a", journalFile: dir.file("other.journal") },
      ENDPOINT,
    );
    expect(other).toMatchObject({
      journalFile: dir.file("other.journal"),
      reportFile: dir.file("other.report.csv"),
      rejectFile: dir.file("other.rejects.csv"),
      legacyJournalFile: undefined,
    });
    const explicit = jobSettings(
      { input, workspaceId: "llm-a", journalFile: dir.file("j"), reportFile: dir.file("r.csv") },
      ENDPOINT,
    );
    expect(explicit).toMatchObject({
      reportFile: dir.file("r.csv"),
      rejectFile: dir.file("j.rejects.csv"),
    });
  });

  it("lists every problem of the options in one error", () => {
    const run = () =>
      jobSettings(
        {
          input: dir.file("missing.csv"),
          workspaceId: " ",
          concurrency: 0,
          requestsPerSecond: -1,
          onExisting: "overwrite" as never,
        },
        ENDPOINT,
      );
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
      jobSettings(
        { input, workspaceId: "ws", journalFile: dir.file("missing/job.journal") },
        ENDPOINT,
      ),
    ).toThrow(
      `cannot write ${dir.file("missing/job.rejects.csv")}, ${dir.file("missing/job.report.csv")}, ` +
        `${dir.file("missing/job.journal")} (the directory is missing`,
    );
  });

  it("refuses a job whose files would overwrite each other", () => {
    const input = dir.csv("data.csv", [["name", "content"]]);
    expect(() => jobSettings({ input, workspaceId: "ws", reportFile: input }, ENDPOINT)).toThrow(
      /must be four files/,
    );
  });
});
