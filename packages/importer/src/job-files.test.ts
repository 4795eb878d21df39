import { describe, expect, it } from "vitest";
import { defaultJobFiles, legacyJournalFile, targetLabel } from "./job-files.js";

describe("job files", () => {
  it("name the target in a form every file system accepts", () => {
    expect(targetLabel({ workspaceId: "llm-a", endpoint: "http://127.0.0.1:8080" })).toBe(
      "llm-a@127.0.0.1-8080",
    );
    expect(targetLabel({ workspaceId: "llm-a", endpoint: "http://[::1]:9000" })).toBe(
      "llm-a@---1--9000",
    );
  });

  it("keep two targets' files apart, and follow a journal given by path", () => {
    const local = defaultJobFiles("/d/t.csv", { workspaceId: "w", endpoint: "http://h:1" });
    const cloud = defaultJobFiles("/d/t.csv", { workspaceId: "w", endpoint: "https://h" });
    expect(local.journalFile).toBe("/d/t.w@h-1.journal");
    expect(cloud.journalFile).toBe("/d/t.w@h.journal");
    expect(
      defaultJobFiles(
        "/d/t.csv",
        { workspaceId: "w", endpoint: "https://h" },
        { journalFile: "/j/x.journal" },
      ),
    ).toEqual({
      journalFile: "/j/x.journal",
      reportFile: "/j/x.report.csv",
      rejectFile: "/j/x.rejects.csv",
    });
    expect(legacyJournalFile("/d/t.csv")).toBe("/d/t.journal");
  });
});
