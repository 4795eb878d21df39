import type { RenderValues } from "@promptmill/core/template";
import { readTextInput } from "./read-input.js";
import { UsageError } from "./usage-error.js";

/** `--var name=value` pairs; the value is everything after the first `=`, so it may contain `=`. */
export function parseVarAssignments(assignments: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const assignment of assignments) {
    const separator = assignment.indexOf("=");
    if (separator <= 0) {
      throw new UsageError(`--var ${assignment}: expected name=value`);
    }
    values[assignment.slice(0, separator)] = assignment.slice(separator + 1);
  }
  return values;
}

/** A JSON object of values (`--vars-file`). Its values are checked by the renderer, which names bad ones. */
export async function readValuesFile(path: string): Promise<Record<string, unknown>> {
  const text = await readTextInput(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--vars-file ${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new UsageError(`--vars-file ${path}: expected a JSON object of variable values`);
  }
  return json as Record<string, unknown>;
}

/** Values from the file first, then `--var` pairs on top: the command line wins. */
export async function collectRenderValues(
  assignments: readonly string[],
  valuesFile: string | undefined,
): Promise<RenderValues> {
  const fromFile = valuesFile === undefined ? {} : await readValuesFile(valuesFile);
  return { ...fromFile, ...parseVarAssignments(assignments) } as RenderValues;
}
