import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // End-to-end tests start the local service and write folders; nothing asserts on time.
    testTimeout: 60_000,
    // Test files share one module graph per worker: the service, the client and the importer load once, not once per file.
    isolate: false,
    hookTimeout: 30_000,
  },
});
