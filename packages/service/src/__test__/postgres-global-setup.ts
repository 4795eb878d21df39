import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "./throwaway-postgres.js";

/**
 * The `postgres` test project's one cluster, for the whole run: started before its first
 * file and stopped after its last. Each test service gets a database of its own in it
 * (test-database.ts), so files run in parallel without seeing each other's data.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startThrowawayPostgres();
  project.provide("postgresAdminUrl", postgres.url("postgres"));
  return () => postgres.stop();
}
