import { configDefaults, defineConfig } from "vitest/config";

/**
 * Test files share one module graph per worker (`isolate: false`): ~65 s → ~40 s on 2 cores.
 * The test that counts what V8 executes gets a fresh isolate, since that count depends on
 * what ran before it.
 */
const COUNTS_V8_WORK = ["src/check-row.parse-once.test.ts"];

export default defineConfig({
  test: {
    // Integration tests import thousands of rows into a real local service.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          isolate: false,
          exclude: [...configDefaults.exclude, ...COUNTS_V8_WORK],
        },
      },
      { extends: true, test: { name: "isolated", include: COUNTS_V8_WORK } },
    ],
  },
});
