import { describe, expect, it } from "vitest";
import { formatCsvRecord } from "./csv-format.js";

describe("formatCsvRecord", () => {
  it("leaves plain fields alone and quotes fields with quotes, commas or line breaks", () => {
    expect(formatCsvRecord(["小红书", "a;b", ""])).toBe("小红书,a;b,\r\n");
    expect(formatCsvRecord(['say "hi"', "a,b", "line1\nline2", "cr\r"])).toBe(
      '"say ""hi""","a,b","line1\nline2","cr\r"\r\n',
    );
  });
});
