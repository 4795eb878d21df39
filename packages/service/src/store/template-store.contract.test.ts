// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, storeKind, type TestDatabase } from "../__test__/test-database.js";
import { DuplicateNameError } from "./duplicate-name-error.js";
import type { ListQuery, TemplateStore } from "./template-store.js";

/*
 * What every TemplateStore must do, run against the test project's store (SQLite or
 * PostgreSQL): the service's answers are built from these, so the stores must agree.
 */
let database: TestDatabase;
let store: TemplateStore;
beforeEach(async () => {
  database = await createTestDatabase();
  store = await database.open();
});
afterEach(async () => {
  await store.close();
  database.remove();
});

const template = (name: string, content = "c") => ({ name, content, variables: [] });

async function namesOf(query: Omit<ListQuery, "limit"> & { limit?: number }): Promise<string[]> {
  const page = await store.list({ limit: 100, ...query });
  return page.items.map((item) => item.name);
}

/** Every page of a List, followed by its cursor; and the totalCount each page gave. */
async function allPages(query: Omit<ListQuery, "after">) {
  const names: string[] = [];
  const totals = new Set<number>();
  let after: number | undefined;
  do {
    const page = await store.list({ ...query, after });
    names.push(...page.items.map((item) => item.name));
    totals.add(page.totalCount);
    after = page.nextCursor;
  } while (after !== undefined);
  return { names, totals: [...totals] };
}

describe(`TemplateStore (${storeKind()})`, () => {
  it("seeds System templates once per workspace", async () => {
    expect(await store.ensureWorkspace("w", [template("s1"), template("s2")])).toBe(true);
    expect(await store.ensureWorkspace("w", [template("s1"), template("s2")])).toBe(false);
    const page = await store.list({ workspaceId: "w", limit: 10 });
    expect(page.items.map((item) => [item.name, item.type])).toEqual([
      ["s1", "System"],
      ["s2", "System"],
    ]);
  });

  it("seeds a workspace once when many ask at the same moment", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => store.ensureWorkspace("w", [template("s1")])),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect((await store.list({ workspaceId: "w", limit: 10 })).totalCount).toBe(1);
  });

  it("creates, reads, updates and deletes within a workspace", async () => {
    const created = await store.create("w", { name: "n", content: "${a}", variables: ["a"] });
    expect(created).toMatchObject({ workspaceId: "w", type: "Custom", variables: ["a"] });
    expect(await store.get("other", created.promptTemplateId)).toBeUndefined();

    const renamed = await store.update("w", created.promptTemplateId, { name: "m" });
    expect(renamed).toMatchObject({ name: "m", content: "${a}", variables: ["a"] });
    const rewritten = await store.update("w", created.promptTemplateId, {
      content: "${b}",
      variables: ["b"],
    });
    expect(rewritten).toMatchObject({ name: "m", content: "${b}", variables: ["b"] });
    expect(await store.update("w", "missing", { name: "x" })).toBeUndefined();

    expect(await store.delete("other", created.promptTemplateId)).toBe(false);
    expect(await store.delete("w", created.promptTemplateId)).toBe(true);
    expect(await store.get("w", created.promptTemplateId)).toBeUndefined();
    expect(await store.delete("w", created.promptTemplateId)).toBe(false);
  });

  it("stores U+0000 and U+FFFD exactly, and finds no template by an id that holds U+0000", async () => {
    const name = "a\u0000b\ufffdc";
    const content = "x\u0000${v}\u0000";
    const created = await store.create("w", { name, content, variables: ["v"] });
    expect(await store.get("w", created.promptTemplateId)).toMatchObject({ name, content });
    const page = await store.list({ workspaceId: "w", limit: 10 });
    expect(page.items[0]).toMatchObject({ name, content });
    await store.update("w", created.promptTemplateId, { name: "\u0000", content: "plain" });
    expect(await store.get("w", created.promptTemplateId)).toMatchObject({
      name: "\u0000",
      content: "plain",
    });
    expect(await store.get("w", `${created.promptTemplateId}\u0000`)).toBeUndefined();
    expect(await store.update("w", "\u0000", { name: "x" })).toBeUndefined();
    expect(await store.delete("w", "\u0000")).toBe(false);
  });

  it("filters by literal keyword and type, counts all matches, and pages by cursor", async () => {
    await store.ensureWorkspace("w", [template("sys 50%")]);
    for (const name of ["50%", "50_", "5a0", "x50%y", "A50%"])
      await store.create("w", template(name));

    const percent = await store.list({ workspaceId: "w", nameContains: "50%", limit: 2 });
    expect(percent.totalCount).toBe(4);
    expect(percent.items.map((item) => item.name)).toEqual(["sys 50%", "50%"]);
    const rest = await store.list({
      workspaceId: "w",
      nameContains: "50%",
      limit: 2,
      after: percent.nextCursor,
    });
    expect(rest.items.map((item) => item.name)).toEqual(["x50%y", "A50%"]);
    expect(rest.nextCursor).toBeUndefined();

    expect(await namesOf({ workspaceId: "w", nameContains: "_" })).toEqual(["50_"]);
    const custom = await store.list({
      workspaceId: "w",
      nameContains: "50%",
      type: "Custom",
      limit: 10,
    });
    expect(custom.totalCount).toBe(3);
    const lowercase = await store.list({ workspaceId: "w", nameContains: "a50", limit: 10 });
    expect(lowercase.totalCount).toBe(0);
  });

  it("matches keywords of every length and kind as literal, case-sensitive substrings", async () => {
    const names = [
      "Weekly report",
      "weekly REPORT",
      "周报助手模板",
      "日报助手",
      'say "hi" now',
      "tab\there",
      "😀ab😀cd",
      "a\u0000b",
      "a\ufffdb",
      "100% off",
      "back\\slash",
      "  spaced  ",
    ];
    for (const name of names) await store.create("w", template(name));
    const cases: [string, string[]][] = [
      ["report", ["Weekly report"]],
      ["REPORT", ["weekly REPORT"]],
      ["eekly", ["Weekly report", "weekly REPORT"]],
      ["W", ["Weekly report"]],
      ["助手", ["周报助手模板", "日报助手"]],
      ["报助手模", ["周报助手模板"]],
      ['"hi"', ['say "hi" now']],
      ["\t", ["tab\there"]],
      ["😀c", ["😀ab😀cd"]],
      ["😀ab😀", ["😀ab😀cd"]],
      ["\u0000", ["a\u0000b"]],
      ["a\u0000b", ["a\u0000b"]],
      ["\ufffd", ["a\ufffdb"]],
      ["a\ufffdb", ["a\ufffdb"]],
      ["0% o", ["100% off"]],
      ["%", ["100% off"]],
      ["\\", ["back\\slash"]],
      ["k\\s", ["back\\slash"]],
      ["  s", ["  spaced  "]],
      ["nowhere", []],
    ];
    for (const [keyword, expected] of cases) {
      const page = await store.list({ workspaceId: "w", nameContains: keyword, limit: 100 });
      expect({ keyword, names: page.items.map((item) => item.name) }).toEqual({
        keyword,
        names: expected,
      });
      expect({ keyword, totalCount: page.totalCount }).toEqual({
        keyword,
        totalCount: expected.length,
      });
    }
  });

  it("pages a keyword the same whether its matches are few or most of the workspace", async () => {
    // 40 templates; "common" is in 30 of them, "rare" in 2: a store may find the two kinds
    // of match differently (PostgreSQL walks the workspace for the first, the index for the
    // second), and the pages must be the same as a plain filter would give.
    const all: string[] = [];
    for (let i = 0; i < 40; i++) {
      const name = `${i % 4 === 3 ? "other" : "common"} ${i}${i === 5 || i === 30 ? " rare" : ""}`;
      all.push(name);
      await store.create("w", template(name));
    }
    for (const [keyword, type] of [
      ["common", undefined],
      ["rare", undefined],
      ["common", "Custom"],
      ["on", undefined],
      ["3", undefined],
    ] as const) {
      const expected = all.filter((name) => name.includes(keyword));
      for (const limit of [1, 3, 7]) {
        const { names, totals } = await allPages({
          workspaceId: "w",
          nameContains: keyword,
          type,
          limit,
        });
        expect({ keyword, limit, names, totals }).toEqual({
          keyword,
          limit,
          names: expected,
          totals: [expected.length],
        });
      }
    }
  });

  it("counts every List from what is stored now: after creates, renames and deletes", async () => {
    await store.ensureWorkspace("w", [template("system report")]);
    const a = await store.create("w", template("report a"));
    const count = async (nameContains?: string, type?: "System" | "Custom") =>
      (await store.list({ workspaceId: "w", nameContains, type, limit: 1 })).totalCount;
    expect([await count(), await count("report"), await count("report", "Custom")]).toEqual([
      2, 2, 1,
    ]);
    const b = await store.create("w", template("report b"));
    expect([await count(), await count("report"), await count(undefined, "Custom")]).toEqual([
      3, 3, 2,
    ]);
    await store.update("w", a.promptTemplateId, { name: "renamed" });
    expect([await count(), await count("report"), await count("renamed")]).toEqual([3, 2, 1]);
    await store.update("w", a.promptTemplateId, { content: "new content", variables: [] });
    expect(await count("renamed")).toBe(1);
    await store.delete("w", b.promptTemplateId);
    expect([
      await count(),
      await count("report"),
      await count(undefined, "System"),
      await count(undefined, "Custom"),
    ]).toEqual([2, 1, 1, 1]);
    // Another workspace's writes change nothing here.
    await store.create("v", template("report elsewhere"));
    expect(await count("report")).toBe(1);
    expect(
      (await store.list({ workspaceId: "v", nameContains: "report", limit: 1 })).totalCount,
    ).toBe(1);
  });

  it("makes ids of 32 lowercase hex that start with the time, as a UUIDv7 does", async () => {
    const before = Date.now();
    const first = await store.create("w", template("first"));
    const second = await store.create("w", template("second"));
    const after = Date.now();
    for (const { promptTemplateId } of [first, second]) {
      expect(promptTemplateId).toMatch(/^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
      const millis = Number.parseInt(promptTemplateId.slice(0, 12), 16);
      expect(millis).toBeGreaterThanOrEqual(before);
      expect(millis).toBeLessThanOrEqual(after);
    }
    expect(first.promptTemplateId).not.toBe(second.promptTemplateId);
    expect((await store.get("w", second.promptTemplateId))?.name).toBe("second");
  });

  it("does not reuse the sequence of a deleted template", async () => {
    const first = await store.create("w", template("first"));
    const second = await store.create("w", template("second"));
    await store.delete("w", second.promptTemplateId);
    const third = await store.create("w", template("third"));
    expect(third.sequence).toBeGreaterThan(second.sequence);
    expect(second.sequence).toBeGreaterThan(first.sequence);
  });

  it("enforces unique names only when asked", async () => {
    const a = await store.create("w", template("same"), { uniqueNames: true });
    await expect(store.create("w", template("same"), { uniqueNames: true })).rejects.toBeInstanceOf(
      DuplicateNameError,
    );
    await store.create("other", template("same"), { uniqueNames: true });
    await store.create("w", template("same"));
    const b = await store.create("w", template("b"), { uniqueNames: true });
    await expect(
      store.update("w", b.promptTemplateId, { name: "same" }, { uniqueNames: true }),
    ).rejects.toBeInstanceOf(DuplicateNameError);
    // The duplicate was refused inside the transaction: nothing changed.
    expect((await store.get("w", b.promptTemplateId))?.name).toBe("b");
    expect((await store.get("w", a.promptTemplateId))?.name).toBe("same");
    // Names differing only in U+0000 against U+FFFD are different names.
    await store.create("w", template("n\u0000"), { uniqueNames: true });
    await store.create("w", template("n\ufffd"), { uniqueNames: true });
    await expect(
      store.create("w", template("n\u0000"), { uniqueNames: true }),
    ).rejects.toBeInstanceOf(DuplicateNameError);
  });

  it("lets one of many concurrent Creates of a unique name win", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => store.create("w", template("once"), { uniqueNames: true })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DuplicateNameError);
    }
    expect((await store.list({ workspaceId: "w", limit: 100 })).totalCount).toBe(1);
  });

  it("rejects writes and reads once closed instead of throwing", async () => {
    await store.close();
    await expect(store.create("w", template("late"))).rejects.toThrow();
    await expect(
      store.list({ workspaceId: "w", nameContains: "late", limit: 1 }),
    ).rejects.toThrow();
    // Closing twice is harmless.
    await store.close();
  });

  it("keeps the first value stored under a key, across reopening and for concurrent callers", async () => {
    expect(await store.ensureValue("k", () => "first")).toBe("first");
    expect(await store.ensureValue("k", () => "second")).toBe("first");
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, index) => store.ensureValue("race", () => `value ${index}`)),
    );
    expect(new Set(racing).size).toBe(1);
    await store.close();
    store = await database.open();
    expect(await store.ensureValue("k", () => "third")).toBe("first");
    expect(await store.ensureValue("race", () => "late")).toBe(racing[0]);
  });
});
