import { describe, expect, it } from "vitest";
import { IMPORT_EXIT_CODES, importExitCode } from "./exit-codes.js";
import type { ImportSummary } from "./import-summary.js";
import type { ImportPlan } from "./plan-import.js";

const summary = (overrides: Partial<ImportSummary>): ImportSummary =>
  ({ status: "completed", rejected: 0, existsFailed: 0, failed: 0, ...overrides }) as ImportSummary;
const plan = (counts: Partial<ImportPlan["counts"]>): ImportPlan =>
  ({
    counts: { create: 0, update: 0, skip: 0, conflict: 0, reject: 0, done: 0, ...counts },
  }) as ImportPlan;

describe("importExitCode", () => {
  it.each([
    ["every row imported", summary({}), 0],
    ["rows rejected", summary({ rejected: 2 }), 3],
    ["names that exist with --on-existing fail", summary({ existsFailed: 1 }), 3],
    [
      "rows the service kept failing (tried again next run)",
      summary({ rejected: 1, failed: 1 }),
      2,
    ],
    [
      "the service stopped the job",
      summary({ status: "failed", error: { name: "AuthError", message: "m" } }),
      2,
    ],
    [
      "a job file could not be written",
      summary({ status: "failed", error: { name: "ImportFileError", message: "m" } }),
      5,
    ],
    ["interrupted", summary({ status: "interrupted", rejected: 3 }), 130],
    ["a dry run with nothing to reject", plan({ create: 3, done: 2 }), 0],
    ["a dry run that would reject", plan({ create: 3, reject: 1 }), 3],
    ["a dry run with a conflict", plan({ conflict: 1 }), 3],
  ] as const)("%s: %i", (_, result, code) => {
    expect(importExitCode(result)).toBe(code);
  });

  it("keeps the codes scripts depend on", () => {
    expect(IMPORT_EXIT_CODES).toEqual({
      ok: 0,
      usage: 1,
      service: 2,
      rejects: 3,
      files: 5,
      interrupted: 130,
    });
  });
});
