import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The end-to-end tests drive Chromium against a console and a local service; a busy
    // two-core machine can make a page step take seconds. Nothing here asserts on time.
    testTimeout: 60_000,
    // Test files share one module graph per worker: Hono, the service and the client load once, not once per file.
    isolate: false,
    hookTimeout: 60_000,
  },
});
