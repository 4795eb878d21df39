import { sharedAndIsolatedProjects } from "@promptmill/test-support/vitest-projects";
import { defineConfig } from "vitest/config";

// Sharing one module graph per worker: ~65 s → ~40 s on 2 cores. The test that counts what V8
// executes runs isolated (see sharedAndIsolatedProjects).
const COUNTS_V8_WORK = ["src/check-row.parse-once.test.ts"];

export default defineConfig({
  test: {
    // Integration tests import thousands of rows into a real local service.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    projects: sharedAndIsolatedProjects(COUNTS_V8_WORK),
  },
});
