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
  it("refuses a nonce until it expires, then takes it again", async () => {
    const store = new SqliteTemplateStore(newFile());
    const limits = (now: number) => ({ now, maxLivePerKey: 10 });
    expect(await store.rememberNonce("k", "n-000001", 15 * MINUTE, limits(0))).toEqual({
      outcome: "new",
    });
    expect(await store.rememberNonce("k", "n-000001", 20 * MINUTE, limits(MINUTE))).toEqual({
      outcome: "used",
    });
    // Each key has nonces of its own.
    expect(await store.rememberNonce("other", "n-000001", 15 * MINUTE, limits(0))).toEqual({
      outcome: "new",
    });
    expect(await store.rememberNonce("k", "n-000001", 40 * MINUTE, limits(16 * MINUTE))).toEqual({
      outcome: "new",
    });
    expect(await store.rememberNonce("k", "n-000001", 40 * MINUTE, limits(30 * MINUTE))).toEqual({
      outcome: "used",
    });
    await store.close();
  });

  it("never forgets a live nonce to make room: a full key waits for its oldest to expire", async () => {
    const store = new SqliteTemplateStore(newFile());
    const limits = (now: number) => ({ now, maxLivePerKey: 3 });
    for (const [index, nonce] of ["n-000001", "n-000002", "n-000003"].entries()) {
      const expiresAt = (15 + index) * MINUTE;
      expect(await store.rememberNonce("k", nonce, expiresAt, limits(0))).toEqual({
        outcome: "new",
      });
    }
    expect(await store.rememberNonce("k", "n-000004", 15 * MINUTE, limits(0))).toEqual({
      outcome: "full",
      retryAfterMs: 15 * MINUTE,
    });
    // Full, and the oldest is still refused: nothing was evicted.
    expect(await store.rememberNonce("k", "n-000001", 15 * MINUTE, limits(MINUTE))).toEqual({
      outcome: "used",
    });
    // Another key is not held back by this one.
    expect(await store.rememberNonce("other", "n-000004", 15 * MINUTE, limits(0))).toEqual({
      outcome: "new",
    });
    // Once the oldest expired, there is room for exactly one more.
    expect(await store.rememberNonce("k", "n-000005", 31 * MINUTE, limits(15 * MINUTE))).toEqual({
      outcome: "new",
    });
    expect(await store.rememberNonce("k", "n-000006", 31 * MINUTE, limits(15 * MINUTE))).toEqual({
      outcome: "full",
      retryAfterMs: MINUTE,
    });
    expect(await store.rememberNonce("k", "n-000002", 31 * MINUTE, limits(15 * MINUTE))).toEqual({
      outcome: "used",
    });
    await store.close();
  });

  it("keeps nonces across a restart, and shares them between stores on one file", async () => {
    const file = newFile();
    const limits = { now: 0, maxLivePerKey: 100 };
    const first = new SqliteTemplateStore(file);
    const second = new SqliteTemplateStore(file);
    expect(await first.rememberNonce("k", "n-000001", MINUTE, limits)).toEqual({ outcome: "new" });
    expect(await second.rememberNonce("k", "n-000001", MINUTE, limits)).toEqual({
      outcome: "used",
    });
    expect(await second.rememberNonce("k", "n-000002", MINUTE, limits)).toEqual({
      outcome: "new",
    });
    await first.close();
    await second.close();
    const reopened = new SqliteTemplateStore(file);
    for (const nonce of ["n-000001", "n-000002"]) {
      expect(await reopened.rememberNonce("k", nonce, MINUTE, limits)).toEqual({
        outcome: "used",
      });
    }
    await reopened.close();
  });

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
