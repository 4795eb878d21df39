import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, storeKind, type TestDatabase } from "../__test__/test-database.js";
import type { TemplateStore } from "./template-store.js";

/* The nonce rules every store keeps, on the test project's store (SQLite or PostgreSQL). */
const MINUTE = 60_000;
let database: TestDatabase;
const opened: TemplateStore[] = [];
const open = async () => {
  const store = await database.open();
  opened.push(store);
  return store;
};
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  database.remove();
});

describe(`nonces in the store (${storeKind()})`, () => {
  it("refuses a nonce until it expires, then takes it again", async () => {
    const store = await open();
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
  });

  it("never forgets a live nonce to make room: a full key waits for its oldest to expire", async () => {
    const store = await open();
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
  });

  it("keeps nonces across a restart, and shares them between stores on one database", async () => {
    const limits = { now: 0, maxLivePerKey: 100 };
    const first = await open();
    const second = await open();
    expect(await first.rememberNonce("k", "n-000001", MINUTE, limits)).toEqual({ outcome: "new" });
    expect(await second.rememberNonce("k", "n-000001", MINUTE, limits)).toEqual({
      outcome: "used",
    });
    expect(await second.rememberNonce("k", "n-000002", MINUTE, limits)).toEqual({
      outcome: "new",
    });
    await first.close();
    await second.close();
    const reopened = await open();
    for (const nonce of ["n-000001", "n-000002"]) {
      expect(await reopened.rememberNonce("k", nonce, MINUTE, limits)).toEqual({
        outcome: "used",
      });
    }
  });

  it("accepts a nonce sent many times at once exactly once", async () => {
    // One store: PostgreSQL's pool runs these on several connections at once. (Two SQLite
    // stores in one process would wait for each other's write lock on one event loop; two
    // processes on one database are two-service-processes.test.ts.)
    const store = await open();
    const limits = { now: 0, maxLivePerKey: 100 };
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, () => store.rememberNonce("k", "n-raced01", MINUTE, limits)),
    );
    expect(verdicts.filter((verdict) => verdict.outcome === "new")).toHaveLength(1);
    expect(verdicts.filter((verdict) => verdict.outcome === "used")).toHaveLength(19);
  });
});
