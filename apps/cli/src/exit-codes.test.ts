import { readFile } from "node:fs/promises";
import { IMPORT_EXIT_CODES } from "@promptmill/importer";
import { describe, expect, it } from "vitest";
import { ExitCode, exitCodeSummary } from "./exit-codes.js";

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

  it("are the ones the README documents, each once, and the ones --help sums up", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Exit codes"));
    const documented = [...section.matchAll(/^\| (\d+) +\|/gm)].map((match) => Number(match[1]));
    const codes = Object.values(ExitCode).sort((a, b) => a - b);
    expect(documented).toEqual(codes);
    for (const code of codes) expect(exitCodeSummary()).toContain(` ${code} `);
  });
});
