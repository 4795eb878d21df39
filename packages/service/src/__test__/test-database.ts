import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { TemplateStore } from "../store/template-store.js";

export type StoreKind = "sqlite" | "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Which store this test project runs the suite against. */
    store: StoreKind;
    /** The `postgres` project's cluster (postgres-global-setup.ts); holds its password. */
    postgresAdminUrl: string;
  }
}

/** The store the running test project is about (vitest.config.ts sets it per project). */
export function storeKind(): StoreKind {
  return inject("store") ?? "sqlite";
}

/** Where a test service keeps its data: a SQLite file or a PostgreSQL database of its own. */
export interface TestDatabase {
  /** Options for startLocalService: `{dataFile}` or `{database}`. */
  options: { dataFile: string } | { database: string };
  /** Opens the same data as a store, to look at what a service stored. */
  open(): Promise<TemplateStore>;
  /** Deletes a SQLite file's directory; a PostgreSQL database goes with its cluster. */
  remove(): void;
}

/** A new, empty database of the project's store. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const directory =
    storeKind() === "sqlite" ? mkdtempSync(join(tmpdir(), "promptmill-test-data-")) : undefined;
  const options = directory
    ? { dataFile: join(directory, "local.sqlite") }
    : { database: await createPostgresDatabase() };
  return {
    options,
    async open() {
      const { openTemplateStore } = await import("../store/open-template-store.js");
      return openTemplateStore(options);
    },
    remove() {
      if (directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Options that put a test service on the project's store: none for SQLite (the service's own
 * temporary file, deleted by close()), a new database for PostgreSQL.
 */
export async function testStoreOptions(): Promise<{ database?: string }> {
  return storeKind() === "postgres" ? { database: await createPostgresDatabase() } : {};
}

// Imported when needed, not above: the quadratic-parsing attack counts the work of code
// compiled after its meter started, and importing this file must not compile the stores.
async function createPostgresDatabase(): Promise<string> {
  const { createDatabase } = await import("./throwaway-postgres.js");
  return createDatabase(inject("postgresAdminUrl"), "test");
}
