import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The tests run the CLI as child processes: each run costs about a second of CPU (tsx loading
    // the TypeScript sources), more when the machine is busy. Generous limits keep a loaded
    // machine from failing them; nothing here asserts on time.
    testTimeout: 120_000,
    hookTimeout: 30_000,
    // The test files only start services and child processes; sharing one module graph per
    // worker saves loading @promptmill/core and the service again for each of them.
    isolate: false,
  },
});
