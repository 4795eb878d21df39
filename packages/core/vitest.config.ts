import { sharedAndIsolatedProjects } from "@promptmill/test-support/vitest-projects";
import { defineConfig } from "vitest/config";

// Sharing one module graph per worker (the client, zod and the template language loaded once,
// not once per file) takes the run from ~80 s to ~30 s on 2 cores. The linear-time tests
// count what V8 executes, so they run isolated (see sharedAndIsolatedProjects).
const COUNTS_V8_WORK = ["src/template/linear-time.test.ts"];

export default defineConfig({
  test: {
    // Property tests and the 100k-variable renders take a second or two alone, and several
    // times that while the whole suite shares 2 cores; nothing here asserts on time.
    testTimeout: 60_000,
    projects: sharedAndIsolatedProjects(COUNTS_V8_WORK),
  },
});
