import { CommanderError } from "commander";
import { ExitCode } from "./exit-codes.js";
import { describeSystemError } from "./system-error.js";
import { UsageError } from "./usage-error.js";

export interface ErrorReport {
  exitCode: ExitCode;
  /** The one line a person sees; empty when the error was already printed (commander usage errors). */
  line: string;
  /** Extra lines for `--verbose`. */
  details: string[];
}

function stackDetails(error: unknown): string[] {
  const details: string[] = [];
  let current: unknown = error;
  let depth = 0;
  while (current instanceof Error && depth < 5) {
    details.push(depth === 0 ? (current.stack ?? String(current)) : `caused by: ${current.stack}`);
    current = current.cause;
    depth += 1;
  }
  return details;
}

/** Our errors that are about what the service answered, not about how the CLI was called. */
// A name `render --name` does not find is not among them: the List call worked, and the name
// given is the mistake (exit 1, as for any bad argument).
const SERVICE_ERRORS = new Set([
  "ResponseValidationError",
  // A listing whose nextToken came back: the service's paging is broken, not the command.
  "RepeatedNextTokenError",
]);

/**
 * Turns any error into one line and an exit code. The CLI's only catch calls it, so every command
 * fails the same way: `error: <code>: <service message> (request <id>)` for the service's errors,
 * a plain sentence for ours, and a stack trace only with `--verbose`.
 */
export async function reportError(error: unknown): Promise<ErrorReport> {
  if (error instanceof CommanderError) {
    return {
      // Commander has printed its message (or the help) already; 0 for --help and --version.
      exitCode: error.exitCode === 0 ? ExitCode.ok : ExitCode.usage,
      line: "",
      details: [],
    };
  }
  // Loaded only now: `--help`, `--version` and usage mistakes end above without the library.
  const {
    AbortError,
    ApiError,
    ConnectionError,
    MissingVariablesError,
    PromptmillError,
    TemplateSyntaxError,
    TemplateValueError,
    TimeoutError,
  } = await import("@promptmill/core");
  const details = stackDetails(error);
  if (error instanceof ApiError) {
    const request = error.requestId ? ` (request ${error.requestId})` : "";
    return {
      exitCode: ExitCode.api,
      line: `error: ${error.code}: ${error.serviceMessage}${request}`,
      details: [`HTTP status ${error.status}, kind ${error.kind}`, ...details],
    };
  }
  if (error instanceof AbortError) {
    return { exitCode: ExitCode.interrupted, line: "interrupted", details };
  }
  if (error instanceof ConnectionError || error instanceof TimeoutError) {
    // The client's message already says whether the request may have reached the service.
    return {
      exitCode: ExitCode.api,
      line: `error: cannot reach the service: ${error.message}`,
      details,
    };
  }
  if (error instanceof UsageError) {
    return { exitCode: ExitCode.usage, line: `error: ${error.message}`, details };
  }
  if (error instanceof TemplateSyntaxError) {
    const issues = error.errors.map(
      (issue) => `  ${issue.line}:${issue.column} ${issue.code}: ${issue.message}`,
    );
    return {
      exitCode: ExitCode.template,
      line: ["error: the template has syntax errors", ...issues].join("\n"),
      details,
    };
  }
  if (error instanceof MissingVariablesError) {
    return {
      exitCode: ExitCode.template,
      line: `error: no value for ${error.missing.join(", ")} (pass --var ${error.missing[0] ?? "name"}=…, or --mode lenient|keep)`,
      details,
    };
  }
  if (error instanceof TemplateValueError) {
    return { exitCode: ExitCode.template, line: `error: ${error.message}`, details };
  }
  if (PromptmillError.isInstance(error)) {
    // The client's response-validation error, the registry's not-found and ambiguous-name
    // errors, credential problems: their messages are written for people already.
    const exitCode = SERVICE_ERRORS.has(error.name) ? ExitCode.api : ExitCode.usage;
    return { exitCode, line: `error: ${error.message}`, details };
  }
  // A missing file or directory, a port in use, a full disk: the machine's state, said plainly
  // with the path, in the wording every command uses.
  const systemError = describeSystemError(error);
  if (systemError !== undefined) {
    return { exitCode: ExitCode.usage, line: `error: ${systemError}`, details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: ExitCode.usage,
    line: `error: unexpected: ${message} (run with --verbose for the stack trace)`,
    details,
  };
}
