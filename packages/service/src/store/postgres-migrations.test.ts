import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../__test__/test-database.js";
import { migratePostgres, POSTGRES_MIGRATIONS } from "./postgres-migrations.js";
import { PostgresTemplateStore } from "./postgres-store.js";
import { NewerSchemaError } from "./schema-migration.js";

let database: TestDatabase;
let url: string;
const clients: pg.Client[] = [];
beforeEach(async () => {
  database = await createTestDatabase();
  url = (database.options as { database: string }).database;
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.end();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

async function recorded(): Promise<{ version: number; name: string }[]> {
  const client = await connect();
  const { rows } = await client.query(
    "SELECT version, name FROM schema_migrations ORDER BY version",
  );
  return rows;
}

const NEWEST = POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }));

describe("PostgreSQL schema migrations", () => {
  it("apply every step once, recorded in the database, even when several processes start at once", async () => {
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => PostgresTemplateStore.open(url, { poolSize: 2 })),
    );
    for (const store of stores) await store.close();
    expect(await recorded()).toEqual(NEWEST);
    expect(await migratePostgres(await connect(), "db")).toEqual([]);
  });

  it("leave the database as it was when a step fails", async () => {
    const failing = [
      ...POSTGRES_MIGRATIONS,
      {
        version: POSTGRES_MIGRATIONS.length + 1,
        name: "broken",
        sql: "CREATE TABLE x (a int); SELEC",
      },
    ];
    const client = await connect();
    await expect(migratePostgres(client, "db", failing)).rejects.toThrow(/syntax error/);
    const { rows } = await client.query(
      "SELECT tablename FROM pg_tables WHERE tablename IN ('schema_migrations', 'templates', 'x')",
    );
    expect(rows).toEqual([]);
  });

  it("refuse a database written by a newer promptmill", async () => {
    await (await PostgresTemplateStore.open(url)).close();
    await (await connect()).query(
      "INSERT INTO schema_migrations (version, name) VALUES (99, 'future')",
    );
    await expect(PostgresTemplateStore.open(url)).rejects.toThrow(NewerSchemaError);
    await expect(PostgresTemplateStore.open(url)).rejects.toThrow(/newer promptmill \(schema 99/);
  });
});
