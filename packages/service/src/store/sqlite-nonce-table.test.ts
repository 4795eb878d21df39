import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteTemplateStore } from "./sqlite-store.js";

let directory: string;
let fileNumber = 0;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "promptmill-nonce-test-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const newFile = () => join(directory, `nonces-${fileNumber++}.sqlite`);
const MINUTE = 60_000;

describe("nonces in the SQLite store", () => {
  // The rules every store keeps are in nonce-store.contract.test.ts; these are SQLite's own.
  it("counts a key's nonces again on opening, so the bound holds whatever was left", async () => {
    const file = newFile();
    const store = new SqliteTemplateStore(file);
    const limits = { now: 0, maxLivePerKey: 2 };
    await store.rememberNonce("k", "n-000001", MINUTE, limits);
    await store.close();
    const db = new Database(file);
    db.prepare("DELETE FROM signature_nonce_counts").run();
    db.close();
    const reopened = new SqliteTemplateStore(file);
    expect(await reopened.rememberNonce("k", "n-000002", MINUTE, limits)).toEqual({
      outcome: "new",
    });
    expect(await reopened.rememberNonce("k", "n-000003", MINUTE, limits)).toMatchObject({
      outcome: "full",
    });
    await reopened.close();
  });

  it("settles a verdict only once its nonce is committed", async () => {
    const file = newFile();
    const store = new SqliteTemplateStore(file);
    const verdict = store.rememberNonce("k", "n-000001", MINUTE, { now: 0, maxLivePerKey: 9 });
    const reader = new Database(file, { readonly: true });
    const count = () =>
      (reader.prepare("SELECT count(*) AS n FROM signature_nonces").get() as { n: number }).n;
    expect(count()).toBe(0);
    await verdict;
    expect(count()).toBe(1);
    reader.close();
    await store.close();
  });
});
