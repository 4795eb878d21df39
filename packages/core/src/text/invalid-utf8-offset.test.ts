import { isUtf8 } from "node:buffer";
import { describe, expect, it } from "vitest";
import { invalidUtf8Offset } from "./invalid-utf8-offset.js";

describe("invalidUtf8Offset", () => {
  it("finds the first byte that is not well-formed UTF-8", () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0xe4, 0xbd, 0xa0], -1],
      [[0x61, 0xe9, 0x62], 1],
      [[0xc0, 0x80], 0],
      [[0xed, 0xa0, 0x80], 0],
      [[0xf4, 0x90, 0x80, 0x80], 0],
      [[0x61, 0x62, 0xe4, 0xbd], 2],
      [[0xf0, 0x9f, 0x98, 0x80, 0xff], 4],
    ];
    for (const [input, offset] of cases) {
      const buffer = Buffer.from(input);
      expect(invalidUtf8Offset(buffer), buffer.toString("hex")).toBe(offset);
      expect(isUtf8(buffer)).toBe(offset === -1);
    }
  });
});
