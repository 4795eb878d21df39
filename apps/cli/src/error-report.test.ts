// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import {
  AbortError,
  ApiError,
  ConnectionError,
  MissingVariablesError,
  parseTemplateOrThrow,
} from "@promptmill/core";
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { reportError } from "./error-report.js";
import { ExitCode } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

describe("reportError", () => {
  it("prints the service's code, message and request id on one line, exit 2", async () => {
    const report = await reportError(
      ApiError.from({
        status: 404,
        code: "PromptTemplate.TemplateNotFound",
        message: "The prompt template does not exist.",
        requestId: "0C8A2F3E-1111-2222-3333-444455556666",
      }),
    );
    expect(report.exitCode).toBe(ExitCode.api);
    expect(report.line).toBe(
      "error: PromptTemplate.TemplateNotFound: The prompt template does not exist. (request 0C8A2F3E-1111-2222-3333-444455556666)",
    );
    expect(report.details.join("\n")).toContain("at ");
  });

  it("lists every syntax error with line:column, exit 4", async () => {
    let thrown: unknown;
    try {
      parseTemplateOrThrow("第一行\n${}\n${a.b}");
    } catch (error) {
      thrown = error;
    }
    const report = await reportError(thrown);
    expect(report.exitCode).toBe(ExitCode.template);
    expect(report.line).toContain("2:1 empty-placeholder");
    expect(report.line).toContain("3:4 invalid-variable-name");
  });

  it("names every missing variable, exit 4", async () => {
    const report = await reportError(new MissingVariablesError(["theme", "tone"]));
    expect(report.exitCode).toBe(ExitCode.template);
    expect(report.line).toContain("theme, tone");
  });

  it("maps usage, connection, abort and commander errors to their exit codes", async () => {
    expect((await reportError(new UsageError("no workspace"))).exitCode).toBe(ExitCode.usage);
    expect(
      (
        await reportError(
          new ConnectionError({ message: "connect ECONNREFUSED", delivery: "not-sent" }),
        )
      ).exitCode,
    ).toBe(ExitCode.api);
    expect((await reportError(new AbortError("not-sent"))).exitCode).toBe(ExitCode.interrupted);
    expect(
      await reportError(new CommanderError(1, "commander.missingMandatoryOptionValue", "x")),
    ).toEqual({
      exitCode: ExitCode.usage,
      line: "",
      details: [],
    });
    expect((await reportError(new CommanderError(0, "commander.helpDisplayed", ""))).exitCode).toBe(
      ExitCode.ok,
    );
  });

  it("does not print a stack for an unexpected error unless asked (details are --verbose only)", async () => {
    const report = await reportError(new TypeError("boom"));
    expect(report.line).toBe("error: unexpected: boom (run with --verbose for the stack trace)");
    expect(report.details[0]).toContain("TypeError: boom");
  });
});
