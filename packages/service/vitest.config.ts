import { defineConfig } from "vitest/config";

/**
 * The service's contract (every operation through the official SDK and our client, every
 * error path, paging under concurrent inserts, the attacks in src/security, two processes on
 * one database) runs once per store, as two projects. Test helpers read `inject("store")`
 * and start each service on a SQLite file or on a database of its own in one throwaway
 * PostgreSQL cluster, which the `postgres` project starts once for the run.
 *
 * Files named `postgres-*.test.ts` are about the PostgreSQL store alone, `sqlite-*.test.ts`
 * about the SQLite one; the remaining unit tests (parsing, tokens, logs) touch no store and
 * run once. So does the cluster's test (several worker processes are for PostgreSQL; it
 * starts four processes, and the store it runs on changes nothing in what it checks).
 */
const CONTRACT = [
  "src/contract/**/*.test.ts",
  "src/interop/**/*.test.ts",
  "src/security/**/*.test.ts",
  "src/create-service-app.test.ts",
  "src/start-local-service.test.ts",
  "src/two-service-processes.test.ts",
  "src/store/*.contract.test.ts",
];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/postgres-*.test.ts", "src/start-service-cluster.test.ts"],
          provide: { store: "sqlite" },
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: [...CONTRACT, "src/**/postgres-*.test.ts", "src/start-service-cluster.test.ts"],
          globalSetup: ["src/__test__/postgres-global-setup.ts"],
          provide: { store: "postgres" },
        },
      },
    ],
  },
});
