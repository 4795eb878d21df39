import { describe, expect, it } from "vitest";
import { escapeForLog, formatErrorLine, formatRequestLine } from "./request-log.js";

/** Any character a terminal acts on or that ends a line, unescaped. */
function hasUnsafeCharacter(line: string): boolean {
  return [...line].some((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x2028 && code <= 0x202e);
  });
}

const time = new Date("2026-12-01T10:00:00.000Z");
const entry = {
  method: "GET",
  path: "/x\nPOST /llm-a/promptTemplates 200 1ms ID\n\u001b[31mred\u009b2J\u202eevil",
  status: 404,
  durationMs: 2,
  requestId: "ID",
};

describe("the request log", () => {
  it("escapes every character that could end a line, drive a terminal or reorder text", () => {
    const line = formatRequestLine(entry, "text", time);
    expect(hasUnsafeCharacter(line)).toBe(false);
    expect(line).toBe(
      "GET /x\\u000aPOST /llm-a/promptTemplates 200 1ms ID\\u000a\\u001b[31mred\\u009b2J\\u202eevil 404 2ms ID",
    );
  });

  it("doubles a backslash, so an escape in the input cannot pass for one of ours", () => {
    expect(escapeForLog("\\u000a")).toBe("\\\\u000a");
    expect(escapeForLog("\n")).toBe("\\u000a");
  });

  it("writes one JSON object per line that reads back to what was received", () => {
    const line = formatRequestLine(entry, "json", time);
    expect(hasUnsafeCharacter(line)).toBe(false);
    expect(JSON.parse(line)).toEqual({ time: time.toISOString(), level: "info", ...entry });
    const error = formatErrorLine("ID", "bad\u2028thing\u001b", "json", time);
    expect(JSON.parse(error)).toEqual({
      time: time.toISOString(),
      level: "error",
      requestId: "ID",
      message: "bad\u2028thing\u001b",
    });
    expect(hasUnsafeCharacter(error)).toBe(false);
  });

  it("cuts a very long path short", () => {
    const line = formatRequestLine({ ...entry, path: `/${"a".repeat(100_000)}` }, "text", time);
    expect(line.length).toBeLessThan(1_100);
  });
});
