import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // End-to-end tests start the local service and write folders; nothing asserts on time.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
