import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalService } from "../start-local-service.js";
import { migrateSqlite, SQLITE_MIGRATIONS } from "./sqlite-migrations.js";
import { SqliteTemplateStore } from "./sqlite-store.js";

const FIXTURE = new URL("./__fixtures__/sqlite-schema-v2.sql", import.meta.url);
const WORKSPACE = "llm-rmby8loeirivgb1c";
const FIXTURE_KEY_ID = "LTAIfixtureDevelopment01";
/** Before the fixture's nonces expire (their x-acs-date + 15 minutes). */
const BEFORE_EXPIRY = 1_796_168_000_000;

let directory: string;
let fileNumber = 0;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "promptmill-migrations-test-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A data file as the release at schema version 2 left it. */
function releasedFile(): string {
  const file = join(directory, `v2-${fileNumber++}.sqlite`);
  const db = new Database(file);
  db.exec(readFileSync(FIXTURE, "utf8"));
  db.close();
  return file;
}

function recorded(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      migrations: db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all(),
      userVersion: db.pragma("user_version", { simple: true }),
    };
  } finally {
    db.close();
  }
}

const NEWEST = SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name }));

describe("SQLite schema migrations", () => {
  it("upgrade a data file of the released schema (version 2), keeping all it held", async () => {
    const file = releasedFile();
    const store = new SqliteTemplateStore(file);
    try {
      expect(recorded(file)).toEqual({ migrations: NEWEST, userVersion: NEWEST.length });
      const all = await store.list({ workspaceId: WORKSPACE, limit: 100 });
      expect(all.totalCount).toBe(11);
      expect(all.items.map((item) => item.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(
        (await store.list({ workspaceId: WORKSPACE, type: "System", limit: 1 })).totalCount,
      ).toBe(5);
      // Names written before the keyword index existed are in it.
      const report = await store.list({ workspaceId: WORKSPACE, nameContains: "eport", limit: 10 });
      expect(report.items.map((item) => item.name)).toEqual([
        "weekly report",
        "Weekly Report 2",
        "report draft",
      ]);
      expect(
        (await store.list({ workspaceId: WORKSPACE, nameContains: "助手", limit: 10 })).totalCount,
      ).toBe(2);
      // The deleted template's number (12) is still not reused.
      const created = await store.create(WORKSPACE, { name: "new", content: "c", variables: [] });
      expect(created.sequence).toBe(13);
      // Nonces seen before the upgrade are still refused.
      expect(
        await store.rememberNonce(FIXTURE_KEY_ID, "3f5d912086b62a08e125466ac976986f", 0, {
          now: BEFORE_EXPIRY,
          maxLivePerKey: 100,
        }),
      ).toEqual({ outcome: "used" });
    } finally {
      await store.close();
    }
  });

  it("keep the development key and the nextToken secret of an upgraded file", async () => {
    const file = releasedFile();
    const service = await startLocalService({ dataFile: file });
    try {
      expect(service.developmentKey?.accessKeyId).toBe(FIXTURE_KEY_ID);
      expect(await service.store.ensureValue("next-token-key", () => "new")).toBe(
        "3f5cafb57de699598dd934902d84f4d3",
      );
    } finally {
      await service.close();
    }
  });

  it("apply every step to a new file, and none twice", () => {
    const file = join(directory, `new-${fileNumber++}.sqlite`);
    const db = new Database(file);
    try {
      expect(migrateSqlite(db, file).map((m) => m.version)).toEqual(NEWEST.map((m) => m.version));
      expect(migrateSqlite(db, file)).toEqual([]);
    } finally {
      db.close();
    }
    expect(recorded(file)).toEqual({ migrations: NEWEST, userVersion: NEWEST.length });
  });

  it("leave the file as it was when a step fails", () => {
    const file = releasedFile();
    const db = new Database(file);
    const failing = [
      ...SQLITE_MIGRATIONS,
      { version: SQLITE_MIGRATIONS.length + 1, name: "broken", sql: "CREATE TABLE x (a); SELEC" },
    ];
    try {
      expect(() => migrateSqlite(db, file, failing)).toThrow();
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE name IN ('schema_migrations', 'template_counts', 'x')",
        )
        .pluck()
        .all();
      expect(tables).toEqual([]);
      expect(db.pragma("user_version", { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it("refuse a file written by a newer promptmill", async () => {
    const file = releasedFile();
    await new SqliteTemplateStore(file).close();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)",
    ).run();
    db.close();
    expect(() => new SqliteTemplateStore(file)).toThrow(/newer promptmill \(schema 99/);
  });
});
