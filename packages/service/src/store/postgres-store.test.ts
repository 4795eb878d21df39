import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../__test__/test-database.js";
import { PostgresTemplateStore } from "./postgres-store.js";

/* What only the PostgreSQL store does; what every store does is in *.contract.test.ts. */
const template = (name: string) => ({ name, content: "c", variables: [] });

describe("PostgresTemplateStore", () => {
  it("decides unique names in the database, between stores that share it", async () => {
    const { options } = await createTestDatabase();
    const url = (options as { database: string }).database;
    const stores = await Promise.all([
      PostgresTemplateStore.open(url),
      PostgresTemplateStore.open(url),
    ]);
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, index) =>
          stores[index % 2]?.create("w", template("shared"), { uniqueNames: true }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      const [first, second] = stores;
      expect((await first?.list({ workspaceId: "w", limit: 10 }))?.totalCount).toBe(1);
      // Counts written through one pool are read through the other.
      await second?.create("w", template("second"));
      expect(
        (await first?.list({ workspaceId: "w", nameContains: "sec", limit: 10 }))?.totalCount,
      ).toBe(1);
      expect((await first?.list({ workspaceId: "w", limit: 10 }))?.totalCount).toBe(2);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it("never shows the password of its URL, not even when it cannot connect", async () => {
    const { options } = await createTestDatabase();
    const url = new URL((options as { database: string }).database);
    const password = decodeURIComponent(url.password);
    const store = await PostgresTemplateStore.open(url.toString());
    expect(store.database).toBe(url.toString().replace(url.password, "***"));
    expect(store.database).not.toContain(password);
    await store.close();

    url.password = "wrong-password-f00d";
    const refused = await PostgresTemplateStore.open(url.toString()).then(
      () => new Error("opened"),
      (error: Error) => error,
    );
    expect(refused.message).toMatch(
      /^Cannot use the PostgreSQL database postgres:\/\/promptmill:\*\*\*@127\.0\.0\.1:\d+\/test_\w+: password authentication failed/,
    );
    expect(refused.message).not.toContain("wrong-password-f00d");
    expect(refused.message).not.toContain(password);
  });
});
