import { closeSync, openSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { writeAll } from "./write-all.js";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe("writeAll", () => {
  it("writes every byte, multi-byte characters included", () => {
    const path = dir.file("out.txt");
    const fd = openSync(path, "w");
    const text = `${"模板".repeat(50_000)}\n`;
    writeAll(fd, text);
    closeSync(fd);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("throws when the disk is full instead of returning short", () => {
    const fd = openSync("/dev/full", "w");
    try {
      expect(() => writeAll(fd, "x")).toThrow(/ENOSPC/);
    } finally {
      closeSync(fd);
    }
  });
});
