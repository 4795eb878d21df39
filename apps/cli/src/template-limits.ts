import { UsageError } from "./usage-error.js";

// The problems of the importer's row check that are the service's limits (its settings: name
// and content length, neither empty). Syntax is checked by checkContentBeforeSending, which
// lists every error with its line and column.
const LIMIT_REASONS = new Set(["name-empty", "name-too-long", "content-empty", "content-too-long"]);

/**
 * Refuses, before anything is sent, a name or content the service would refuse: the same
 * check and limits (`DEFAULT_LIMITS`, the local service's defaults) the importer applies to
 * each row, so `create` and `import` agree. A value left out (an update of the name only) is
 * not checked. `--no-check` skips it, for a service configured with other limits.
 */
export async function checkTemplateLimits(
  name: string | undefined,
  content: string | undefined,
): Promise<void> {
  const { checkRow } = await import("@promptmill/importer");
  const check = checkRow({
    line: 1,
    index: 0,
    fields: [],
    // A stand-in for what is not being sent, so that only the given values are judged.
    name: name ?? "-",
    content: content ?? "-",
    variables: undefined,
    sample: undefined,
    sampleColumns: [],
  });
  const problems = check.problems.filter((problem) => LIMIT_REASONS.has(problem.reason));
  if (problems.length > 0) {
    throw new UsageError(
      `${problems.map((problem) => problem.message).join("; ")} (the service would refuse it; --no-check sends it anyway)`,
    );
  }
}
