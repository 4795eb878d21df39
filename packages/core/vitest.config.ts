import { configDefaults, defineConfig } from "vitest/config";

/**
 * Test files share one module graph per worker (`isolate: false`): loading the client, zod and
 * the template language once instead of once per file takes the run from ~80 s to ~30 s on 2
 * cores. The linear-time tests count what V8 executes, which depends on what ran before them
 * in the same isolate, so they get fresh ones.
 */
const COUNTS_V8_WORK = ["src/template/linear-time.test.ts"];

export default defineConfig({
  test: {
    // Property tests and the 100k-variable renders take a second or two alone, and several
    // times that while the whole suite shares 2 cores; nothing here asserts on time.
    testTimeout: 60_000,
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
