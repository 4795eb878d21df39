import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SqliteTemplateStore } from "./sqlite-store.js";

/* What only the SQLite store does; what every store does is template-store.contract.test.ts. */
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

  it("answers keyword Lists from another connection, which sees every write that settled", async () => {
    const reads: string[][] = [];
    for (let i = 0; i < 20; i++) {
      await store.create("w", template(`keyword ${i}`));
      const page = await store.list({ workspaceId: "w", nameContains: "keyword", limit: 100 });
      reads.push(page.items.map((item) => item.name));
    }
    expect(reads.map((names) => names.length)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("keeps keyword Lists working on a database in memory", async () => {
    const memory = new SqliteTemplateStore(":memory:");
    try {
      await memory.create("w", template("in memory"));
      const page = await memory.list({ workspaceId: "w", nameContains: "memory", limit: 10 });
      expect(page.items.map((item) => item.name)).toEqual(["in memory"]);
    } finally {
      await memory.close();
    }
  });

  it("keeps template counts and the name index in step with every write, in the file", async () => {
    const kept = await store.create("w", template("kept report"));
    const gone = await store.create("w", template("gone report"));
    await store.update("w", kept.promptTemplateId, { name: "kept memo" });
    await store.delete("w", gone.promptTemplateId);
    const db = new Database(store.file, { readonly: true });
    try {
      expect(db.prepare("SELECT type, templates, writes FROM template_counts").all()).toEqual([
        { type: "Custom", templates: 1, writes: 4 },
      ]);
      const matches = (phrase: string) =>
        db
          .prepare("SELECT rowid FROM template_names WHERE template_names MATCH ?")
          .pluck()
          .all(phrase);
      expect(matches('"report"')).toEqual([]);
      expect(matches('"memo"')).toEqual([kept.sequence]);
    } finally {
      db.close();
    }
  });
});
