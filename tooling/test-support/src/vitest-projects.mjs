// Plain JavaScript on purpose: vitest's config loader leaves workspace packages to Node, and
// Node cannot load this package's .ts modules, so what a vitest.config.ts imports from here
// must be .mjs.
import { configDefaults } from "vitest/config";

/**
 * The two vitest projects of a package whose test files share one module graph per worker
 * (`isolate: false`, which halves the suite on 2 cores), except the tests that count what V8
 * executes (`startWorkMeter`): that count depends on what ran before in the same isolate, so
 * they run in a project of their own with fresh isolates.
 *
 * @param {readonly string[]} countsV8Work the test files that use the work meter
 */
export function sharedAndIsolatedProjects(countsV8Work) {
  return [
    {
      extends: true,
      test: {
        name: "shared",
        isolate: false,
        exclude: [...configDefaults.exclude, ...countsV8Work],
      },
    },
    { extends: true, test: { name: "isolated", include: [...countsV8Work] } },
  ];
}
