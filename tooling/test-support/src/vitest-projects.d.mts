import type { TestProjectInlineConfiguration } from "vitest/config";

/** See vitest-projects.mjs. */
export function sharedAndIsolatedProjects(
  countsV8Work: readonly string[],
): TestProjectInlineConfiguration[];
