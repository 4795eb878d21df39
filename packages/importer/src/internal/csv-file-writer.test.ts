import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { ImportFileError } from "../errors.js";
import { CsvFileWriter } from "./csv-file-writer.js";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const isOpen = (path: string) =>
  readdirSync("/proc/self/fd").some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });

describe("CsvFileWriter", () => {
  it("writes the header and rows quoted as needed, header included when no row came", () => {
    const file = dir.file("out.csv");
    const writer = new CsvFileWriter(file, ["a", "b"]);
    writer.write(["1", 'say "hi", then\nleave']);
    writer.close();
    expect(readFileSync(file, "utf8")).toBe('a,b\n1,"say ""hi"", then\nleave"\n');
    const empty = dir.file("empty.csv");
    new CsvFileWriter(empty, ["only"]).close();
    expect(readFileSync(empty, "utf8")).toBe("only\n");
  });

  it("names the file in the error of a failed write (a full disk), and still closes it", () => {
    const writer = new CsvFileWriter("/dev/full", ["a"]);
    writer.write(["1"]);
    expect(() => writer.close()).toThrow(ImportFileError);
    expect(isOpen("/dev/full")).toBe(false);
    const error = (() => {
      const again = new CsvFileWriter("/dev/full", ["a"]);
      try {
        again.flush();
      } catch (caught) {
        again.close();
        return caught;
      }
    })();
    expect(error).toMatchObject({ path: "/dev/full", code: "ENOSPC" });
  });
});
