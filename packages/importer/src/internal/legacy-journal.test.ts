import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { JournalFormatError } from "../errors.js";
import { refuseLegacyJournal } from "./legacy-journal.js";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe("refuseLegacyJournal", () => {
  it("refuses a journal of format 1 left where the earlier version kept it", () => {
    const path = dir.file("t.journal");
    writeFileSync(
      path,
      `${JSON.stringify({ kind: "job", version: 1, job: {} })}\n{"kind":"run"}\n`,
    );
    expect(() => refuseLegacyJournal(path)).toThrow(JournalFormatError);
  });

  it("lets everything else be: no file, another file, a current journal", () => {
    expect(() => refuseLegacyJournal(dir.file("missing.journal"))).not.toThrow();
    const notes = dir.file("notes.journal");
    writeFileSync(notes, "dear diary\n");
    expect(() => refuseLegacyJournal(notes)).not.toThrow();
    const current = dir.file("current.journal");
    writeFileSync(current, `${JSON.stringify({ kind: "job", version: 2, target: {} })}\n`);
    expect(() => refuseLegacyJournal(current)).not.toThrow();
    expect(() => refuseLegacyJournal(undefined)).not.toThrow();
  });
});
