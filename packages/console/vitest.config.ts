import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The end-to-end tests drive Chromium against a console and a local service; a busy
    // two-core machine can make a page step take seconds. Nothing here asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
