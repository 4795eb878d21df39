// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { decodeTextFile } from "./decode-text-file.js";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("decodeTextFile", () => {
  it("decodes UTF-8 text, dropping a byte order mark", () => {
    expect(decodeTextFile(new TextEncoder().encode("\uFEFF你好, ${name}"))).toEqual({
      text: "你好, ${name}",
    });
  });

  it("says where the bytes stop being UTF-8", () => {
    expect(decodeTextFile(bytes(0x61, 0x62, 0xff, 0x63))).toEqual({
      offset: 2,
      reason: "invalid-utf8",
    });
    // An overlong "/" and a lone surrogate are not UTF-8 either.
    expect(decodeTextFile(bytes(0x61, 0xc0, 0xaf))).toEqual({ offset: 1, reason: "invalid-utf8" });
    expect(decodeTextFile(bytes(0xed, 0xa0, 0x80))).toEqual({ offset: 0, reason: "invalid-utf8" });
    // A sequence cut off by the end of the file.
    expect(decodeTextFile(bytes(0x61, 0xe4, 0xbd))).toEqual({ offset: 1, reason: "invalid-utf8" });
  });

  it("refuses a NUL: a binary file", () => {
    expect(decodeTextFile(bytes(0x61, 0x00, 0x62))).toEqual({ offset: 1, reason: "nul" });
  });

  test.prop([fc.string({ unit: "binary" })])(
    "decodes any well-formed text back to itself",
    (text) => {
      const encoded = new TextEncoder().encode(text);
      const result = decodeTextFile(encoded);
      if (text.includes("\0")) expect(result).toMatchObject({ reason: "nul" });
      else expect(result).toEqual({ text: text.startsWith("\uFEFF") ? text.slice(1) : text });
    },
  );

  test.prop([fc.uint8Array({ maxLength: 64 })])(
    "agrees with a fatal TextDecoder on any bytes",
    (input) => {
      const result = decodeTextFile(input);
      let fatal: string | undefined;
      try {
        fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(input);
      } catch {
        fatal = undefined;
      }
      if (fatal === undefined) expect("offset" in result).toBe(true);
      else if (fatal.includes("\0")) expect(result).toMatchObject({ reason: "nul" });
      else expect(result).toEqual({ text: fatal.startsWith("\uFEFF") ? fatal.slice(1) : fatal });
    },
  );
});
