import type { z } from "zod";
import { ApiError } from "./errors.js";
import type { OperationName } from "./operations.js";
import { ResponseValidationError } from "./response-validation-error.js";
import { toSchemaIssues } from "./schema-issues.js";
import { errorBodySchema } from "./schemas.js";

const SNIPPET_LENGTH = 200;

/**
 * Reads a response: a success body must match the operation's schema, an error becomes an
 * ApiError. Reading the body may still fail on the connection; that error is left to the
 * caller's transport mapping.
 */
export async function readResponse<Schema extends z.ZodType>(
  operation: OperationName,
  response: Response,
  schema: Schema,
): Promise<z.output<Schema>> {
  const text = await response.text();
  const headerRequestId = response.headers.get("x-acs-request-id") ?? undefined;

  if (!response.ok) throw toApiError(response, text, headerRequestId);

  const json = parseJson(text);
  if (json === undefined) {
    throw new ResponseValidationError({
      operation,
      status: response.status,
      requestId: headerRequestId,
      issues: [{ path: "", message: `not JSON: ${snippet(text)}` }],
    });
  }
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const bodyRequestId = (json.value as { requestId?: unknown } | null)?.requestId;
    throw new ResponseValidationError({
      operation,
      status: response.status,
      requestId: typeof bodyRequestId === "string" ? bodyRequestId : headerRequestId,
      issues: toSchemaIssues(parsed.error),
    });
  }
  return parsed.data;
}

/**
 * Error bodies come as `{code, message, requestId}` from the product and capitalised from
 * the gateway; a proxy may answer with HTML. Every case yields an ApiError with the status,
 * and a code of `HTTP.<status>` when the body names none.
 */
function toApiError(response: Response, text: string, headerRequestId: string | undefined) {
  const json = parseJson(text);
  const body = json === undefined ? undefined : errorBodySchema.safeParse(json.value);
  const fields = body?.success ? body.data : undefined;
  return ApiError.from({
    status: response.status,
    code: fields?.code || `HTTP.${response.status}`,
    message:
      fields?.message ||
      [response.statusText || "HTTP error", text.trim() === "" ? "" : `: ${snippet(text)}`].join(
        "",
      ),
    requestId: fields?.requestId || headerRequestId,
    retryAfterMs: parseRetryAfterMs(response.headers.get("x-acs-retry-after")),
  });
}

/** `x-acs-retry-after` is in milliseconds (unlike the standard Retry-After, in seconds). */
function parseRetryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = Number(header);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty body)";
  return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}…` : flat;
}
