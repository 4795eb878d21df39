import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Property tests and the 100k-variable renders take a second or two alone, and several
    // times that while the whole suite shares 2 cores; nothing here asserts on time.
    testTimeout: 60_000,
  },
});
