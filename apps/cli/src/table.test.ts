import { describe, expect, it } from "vitest";
import { formatTable } from "./table.js";
import { textWidth } from "./text-width.js";

describe("formatTable", () => {
  it("lines up columns with mixed Chinese and English text", () => {
    const lines = formatTable(
      [
        { name: "小红书文案", type: "Custom" },
        { name: "Code review", type: "System" },
      ],
      [
        { header: "NAME", value: (row) => row.name },
        { header: "TYPE", value: (row) => row.type },
      ],
    );
    expect(lines).toEqual(["NAME         TYPE", "小红书文案   Custom", "Code review  System"]);
    const typeColumn = lines.map((line) => textWidth(line.slice(0, line.lastIndexOf(" ") + 1)));
    expect(new Set(typeColumn).size).toBe(1);
  });

  it("shows line breaks, tabs and escapes in cells visibly, and cuts long values", () => {
    const [, row] = formatTable(
      [{ text: "line one\nline two and more" }],
      [{ header: "TEXT", value: (value) => value.text, maxWidth: 12 }],
    );
    expect(row).toBe("line one\\nl…");
    const [, escaped] = formatTable(
      [{ text: "evil\u001b[31mRED\tx" }],
      [{ header: "TEXT", value: (value) => value.text }],
    );
    expect(escaped).toBe("evil\\x1B[31mRED\\tx");
  });

  it("cuts nothing when asked not to (output that is not a terminal)", () => {
    const name = "n".repeat(120);
    const [, row] = formatTable(
      [{ name }],
      [{ header: "NAME", value: (value) => value.name, maxWidth: 40 }],
      { truncate: false },
    );
    expect(row).toBe(name);
  });
});
