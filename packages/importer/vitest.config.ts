import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests import thousands of rows into a real local service.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
