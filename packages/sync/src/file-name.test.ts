import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { assignFileNames, readableStem } from "./file-name.js";

/** Names people and attackers give templates: the corpus the folder format must survive. */
const HARD_NAMES = [
  "小红书文案-美食探店",
  "a/b",
  "a\\b",
  "a:b",
  "what?",
  "trailing space ",
  "trailing dot.",
  " leading space",
  "CON",
  "con.backup",
  "LPT1",
  "same",
  "SAME",
  "same\u00a0",
  "same\u200b",
  "café", // NFC
  "cafe\u0301", // NFD
  "Full",
  "Ｆｕｌｌ",
  "🚀 launch ✅",
  "line\nbreak",
  "tab\there",
  "\u202eevil-rtl",
  "..",
  "",
  "x".repeat(300),
  "名".repeat(100),
];

/** What any of Linux, macOS or Windows refuses or silently changes in a file name. */
function unsafeOnSomeSystem(fileName: string): string | undefined {
  if (/[/\\:*?"<>|\p{Cc}\p{Cf}]/u.test(fileName)) return "forbidden character";
  if (/[ .]$/.test(fileName) || /^ /.test(fileName)) return "leading or trailing space or dot";
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i.test(fileName)) return "Windows device name";
  if (Buffer.byteLength(fileName, "utf8") > 255) return "longer than 255 bytes";
  return undefined;
}

/** Templates named by the corpus, keyed by their names (each name once). */
const byName = (names: readonly string[]) => names.map((name) => ({ key: name, name }));

describe("assignFileNames", () => {
  const assigned = assignFileNames(byName(HARD_NAMES));

  it("gives every name a file name that every file system keeps as written", () => {
    for (const [name, fileName] of assigned) {
      expect(unsafeOnSomeSystem(fileName), `${JSON.stringify(name)} → ${fileName}`).toBeUndefined();
      expect(fileName.endsWith(".prompt")).toBe(true);
    }
  });

  it("never gives two names file names that a case-insensitive, normalising system confuses", () => {
    const keys = [...assigned.values()].map((fileName) => fileName.normalize("NFC").toLowerCase());
    expect(new Set(keys).size).toBe(HARD_NAMES.length);
  });

  it("keeps plain names as they are and marks the others with a digest of the exact name", () => {
    expect(assigned.get("小红书文案-美食探店")).toBe("小红书文案-美食探店.prompt");
    expect(assigned.get("Full")).toBe("Full.prompt");
    expect(assigned.get("a:b")).toMatch(/^a_b~[0-9a-f]{8}\.prompt$/);
    expect(assigned.get("CON")).toMatch(/^_CON~[0-9a-f]{8}\.prompt$/);
    // `same` and `SAME` meet on macOS and Windows: both get digests, whatever the order.
    expect(assigned.get("same")).toMatch(/^same~[0-9a-f]{8}\.prompt$/);
    expect(assignFileNames(byName(["SAME", "same"])).get("same")).toBe(assigned.get("same"));
  });

  it("is the same answer on every run, in any order", () => {
    const reversed = assignFileNames(byName([...HARD_NAMES].reverse()));
    for (const name of HARD_NAMES) expect(reversed.get(name)).toBe(assigned.get(name));
  });

  it("steers clear of file names already in the folder", () => {
    const names = assignFileNames(byName(["notes"]), ["Notes.prompt"]);
    expect(names.get("notes")).toMatch(/^notes~[0-9a-f]{8}\.prompt$/);
  });

  it("tells apart templates that share a name, by their ids", () => {
    const twins = assignFileNames([
      { key: "id-1", name: "twin" },
      { key: "id-2", name: "twin" },
    ]);
    expect(twins.get("id-1")).toMatch(/^twin~[0-9a-f]{8}\.prompt$/);
    expect(twins.get("id-2")).toMatch(/^twin~[0-9a-f]{8}\.prompt$/);
    expect(twins.get("id-1")).not.toBe(twins.get("id-2"));
  });

  test.prop([fc.array(fc.string({ unit: "binary", maxLength: 140 }), { maxLength: 20 })])(
    "holds for any names",
    (names) => {
      const unique = [...new Set(names)];
      const result = assignFileNames(byName(unique));
      const keys = new Set([...result.values()].map((name) => name.normalize("NFC").toLowerCase()));
      expect(keys.size).toBe(unique.length);
      for (const fileName of result.values()) expect(unsafeOnSomeSystem(fileName)).toBeUndefined();
    },
  );
});

describe("readableStem", () => {
  it("says whether the stem is the name itself", () => {
    expect(readableStem("plain name")).toEqual({ stem: "plain name", exact: true });
    expect(readableStem("a/b")).toEqual({ stem: "a_b", exact: false });
    expect(readableStem("")).toEqual({ stem: "template", exact: false });
  });
});
