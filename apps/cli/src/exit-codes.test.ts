import { IMPORT_EXIT_CODES } from "@promptmill/importer";
import { describe, expect, it } from "vitest";
import { ExitCode } from "./exit-codes.js";

describe("the CLI's exit codes", () => {
  it("agree with the importer's table for every outcome both name", () => {
    expect({
      ok: ExitCode.ok,
      usage: ExitCode.usage,
      service: ExitCode.api,
      rejects: ExitCode.partialImport,
      files: ExitCode.importFiles,
      interrupted: ExitCode.interrupted,
    }).toEqual(IMPORT_EXIT_CODES);
  });

  it("give the template errors a code the importer does not use", () => {
    expect(Object.values(IMPORT_EXIT_CODES)).not.toContain(ExitCode.template);
  });
});
