// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DuplicateNameError } from "./duplicate-name-error.js";
import { SqliteTemplateStore } from "./sqlite-store.js";

let directory: string;
let store: SqliteTemplateStore;
let fileNumber = 0;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "promptmill-store-test-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));
beforeEach(() => {
  store = new SqliteTemplateStore(join(directory, `store-${fileNumber++}.sqlite`));
});
afterEach(() => store.close());

const template = (name: string, content = "c") => ({ name, content, variables: [] });

describe("SqliteTemplateStore", () => {
  it("seeds System templates once per workspace", async () => {
    expect(await store.ensureWorkspace("w", [template("s1"), template("s2")])).toBe(true);
    expect(await store.ensureWorkspace("w", [template("s1"), template("s2")])).toBe(false);
    const page = await store.list({ workspaceId: "w", limit: 10 });
    expect(page.items.map((item) => [item.name, item.type])).toEqual([
      ["s1", "System"],
      ["s2", "System"],
    ]);
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

    const underscore = await store.list({ workspaceId: "w", nameContains: "_", limit: 10 });
    expect(underscore.items.map((item) => item.name)).toEqual(["50_"]);
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
  });

  it("commits the writes of one turn together, undoing a failed one alone", async () => {
    const writes = await Promise.allSettled([
      store.create("w", template("a"), { uniqueNames: true }),
      store.create("w", template("a"), { uniqueNames: true }),
      store.create("w", template("b")),
    ]);
    expect(writes.map((write) => write.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const file = store.file;
    await store.close();
    store = new SqliteTemplateStore(file);
    const page = await store.list({ workspaceId: "w", limit: 10 });
    expect(page.items.map((item) => item.name)).toEqual(["a", "b"]);
  });

  it("rejects writes once closed instead of throwing", async () => {
    await store.close();
    await expect(store.create("w", template("late"))).rejects.toThrow();
  });

  it("keeps the first value stored under a key, across reopening", async () => {
    const file = store.file;
    expect(await store.ensureValue("k", () => "first")).toBe("first");
    expect(await store.ensureValue("k", () => "second")).toBe("first");
    await store.close();
    store = new SqliteTemplateStore(file);
    expect(await store.ensureValue("k", () => "third")).toBe("first");
  });
});
