import { describe, expect, it } from "vitest";
import { decodeQuery } from "./decode-query.js";

describe("decodeQuery", () => {
  it("decodes what the SDK and our client send, + as a space, the last of a repeated name", () => {
    const decoded = decodeQuery("name=%E4%B8%BB%E9%A2%98&content=a+b%2Bc*()!&empty=&bare&name=x");
    expect(decoded).toEqual({
      ok: true,
      query: Object.assign(Object.create(null), {
        name: "x",
        content: "a b+c*()!",
        empty: "",
        bare: "",
      }),
    });
    expect(decodeQuery("a=1&&b=2&")).toMatchObject({ ok: true, query: { a: "1", b: "2" } });
    expect(decodeQuery("")).toMatchObject({ ok: true, query: {} });
  });

  it("keeps a parameter name with = or & in it as one name", () => {
    expect(decodeQuery("name%3DA%26type=Custom")).toMatchObject({
      ok: true,
      query: { "name=A&type": "Custom" },
    });
  });

  it("refuses bytes that are not UTF-8 instead of storing U+FFFD", () => {
    for (const raw of ["%FF", "%C0%AF", "%ED%A0%80", "%E4%B8", "%zz", "%", "a%2"]) {
      expect(decodeQuery(`content=${raw}`), raw).toEqual({
        ok: false,
        parameter: "content",
        nameDecoded: true,
        problem: "is not percent-encoded UTF-8",
      });
    }
    expect(decodeQuery("%FF=1")).toMatchObject({ ok: false, parameter: "%FF", nameDecoded: false });
  });

  it("refuses raw characters outside printable ASCII", () => {
    for (const raw of ["\u00e4", "\u00a0", "a b", "\t"]) {
      expect(decodeQuery(`name=${raw}`), JSON.stringify(raw)).toMatchObject({ ok: false });
    }
  });
});
