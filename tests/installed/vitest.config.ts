import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Packing every package and installing the tarballs with npm happens once, before the
    // test files run (~40 s on 2 cores, most of it the six builds); they share the result.
    globalSetup: ["./src/__test__/install-once.ts"],
    hookTimeout: 300_000,
    // The tests run installed programs, tsc and Chromium as child processes; nothing here
    // asserts on time, and a loaded machine must not fail them.
    testTimeout: 120_000,
  },
});
