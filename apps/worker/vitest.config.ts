import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The tests run the worker as a child process (about 1.5 s to start on 2 busy cores),
    // the crash test a few times over.
    testTimeout: 90_000,
    hookTimeout: 30_000,
  },
});
