import type { z } from "zod";

/** One field that failed validation: `path` like `promptTemplates[0].variables`, empty for the whole body. */
export interface SchemaIssue {
  path: string;
  message: string;
}

export function toSchemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => `${issue.path || "(body)"}: ${issue.message}`).join("; ");
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text;
}
