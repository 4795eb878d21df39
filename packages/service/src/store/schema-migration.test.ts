import { describe, expect, it } from "vitest";
import { NewerSchemaError, pendingMigrations } from "./schema-migration.js";

const step = (version: number) => ({ version, name: `step-${version}`, sql: "" });

describe("pendingMigrations", () => {
  it("lists the steps a database lacks, in order", () => {
    const known = [step(1), step(2), step(3)];
    expect(pendingMigrations(known, new Set(), "db").map((m) => m.version)).toEqual([1, 2, 3]);
    expect(pendingMigrations(known, new Set([1, 2]), "db").map((m) => m.version)).toEqual([3]);
    expect(pendingMigrations(known, new Set([1, 2, 3]), "db")).toEqual([]);
  });

  it("refuses a database migrated further than this code knows", () => {
    expect(() => pendingMigrations([step(1)], new Set([1, 2]), "the file")).toThrow(
      NewerSchemaError,
    );
    expect(() => pendingMigrations([step(1)], new Set([1, 2]), "the file")).toThrow(
      /the file was written by a newer promptmill \(schema 2; this one knows 1\)/,
    );
  });

  it("refuses a list with a gap or a repeated number", () => {
    expect(() => pendingMigrations([step(1), step(3)], new Set(), "db")).toThrow(
      /numbered 3, not 2/,
    );
    expect(() => pendingMigrations([step(1), step(1)], new Set(), "db")).toThrow(
      /numbered 1, not 2/,
    );
  });
});
