import { describe, expect, it } from "vitest";
import {
  DatabaseUrlError,
  redactDatabaseUrl,
  resolveDatabaseUrl,
  withoutPassword,
} from "./database-url.js";

const URL_WITH_PASSWORD = "postgres://app:s3cr%40t@db.internal:5432/promptmill?sslmode=require";

describe("resolveDatabaseUrl", () => {
  it("takes the flag over PROMPTMILL_DATABASE_URL, and neither means SQLite", () => {
    const env = { PROMPTMILL_DATABASE_URL: "postgres://env@localhost/a" };
    expect(resolveDatabaseUrl("postgresql://flag@localhost/b", env)).toBe(
      "postgresql://flag@localhost/b",
    );
    expect(resolveDatabaseUrl(undefined, env)).toBe("postgres://env@localhost/a");
    expect(resolveDatabaseUrl("", env)).toBe("postgres://env@localhost/a");
    expect(resolveDatabaseUrl(undefined, {})).toBeUndefined();
    expect(resolveDatabaseUrl(undefined, { PROMPTMILL_DATABASE_URL: "" })).toBeUndefined();
  });

  it("refuses what is not a PostgreSQL URL, without showing a password", () => {
    for (const [flag, env] of [
      ["mysql://root:hunter2@localhost/db", {}],
      ["./local.sqlite", {}],
      [undefined, { PROMPTMILL_DATABASE_URL: "postgres://:hunter2@/db" }],
    ] as const) {
      let error: unknown;
      try {
        resolveDatabaseUrl(flag, env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DatabaseUrlError);
      expect((error as Error).message).not.toContain("hunter2");
      expect((error as Error).message).toMatch(
        flag === undefined ? /^PROMPTMILL_DATABASE_URL must be/ : /^--database must be/,
      );
    }
  });
});

describe("redactDatabaseUrl", () => {
  it("replaces the password in the user part and in query parameters", () => {
    expect(redactDatabaseUrl(URL_WITH_PASSWORD)).toBe(
      "postgres://app:***@db.internal:5432/promptmill?sslmode=require",
    );
    expect(redactDatabaseUrl("postgres://app@db/x?password=p1&sslpassword=p2")).toBe(
      "postgres://app@db/x?password=***&sslpassword=***",
    );
    expect(redactDatabaseUrl("not a url: hunter2")).toBe("(a value that is not a URL)");
  });
});

describe("withoutPassword", () => {
  it("takes the password out of a driver's message, encoded or decoded", () => {
    expect(
      withoutPassword(
        `failed for ${URL_WITH_PASSWORD} with s3cr@t and s3cr%40t`,
        URL_WITH_PASSWORD,
      ),
    ).toBe(
      "failed for postgres://app:***@db.internal:5432/promptmill?sslmode=require with *** and ***",
    );
  });
});
