import { configDefaults, defineConfig } from "vitest/config";

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

/**
 * Test files share one module graph per worker (`isolate: false`): loading the service, the
 * client and the official SDK once per worker instead of once per file takes the run from
 * ~220 s to ~100 s on 2 cores. The attacks that count what V8 executes (linear parsing,
 * constant-time comparison) get fresh isolates: that count depends on what ran before.
 */
const COUNTS_V8_WORK = [
  "src/security/quadratic-parsing.attack.test.ts",
  "src/security/signature-forgery.attack.test.ts",
];

const SQLITE = {
  include: ["src/**/*.test.ts"],
  exclude: [
    ...configDefaults.exclude,
    "src/**/postgres-*.test.ts",
    "src/start-service-cluster.test.ts",
  ],
  provide: { store: "sqlite" as const },
};

const POSTGRES = {
  include: [...CONTRACT, "src/**/postgres-*.test.ts", "src/start-service-cluster.test.ts"],
  globalSetup: ["src/__test__/postgres-global-setup.ts"],
  provide: { store: "postgres" as const },
};

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...SQLITE,
          name: "sqlite",
          isolate: false,
          exclude: [...SQLITE.exclude, ...COUNTS_V8_WORK],
        },
      },
      { extends: true, test: { ...SQLITE, name: "sqlite:isolated", include: COUNTS_V8_WORK } },
      {
        extends: true,
        test: {
          ...POSTGRES,
          name: "postgres",
          isolate: false,
          exclude: [...configDefaults.exclude, ...COUNTS_V8_WORK],
        },
      },
      {
        extends: true,
        test: { ...POSTGRES, name: "postgres:isolated", include: COUNTS_V8_WORK },
      },
    ],
  },
});
