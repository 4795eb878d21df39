// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";

const fixtures = "apps/cli/src/commands/__fixtures__";

describe("promptmill lint", () => {
  it("prints each finding as file:line:col with positions inside the file, and exits 4 on errors", async () => {
    const result = await runCli(["lint", `${fixtures}/broken-template.txt`]);
    expect(result.code).toBe(4);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        /^apps\/cli\/src\/commands\/__fixtures__\/broken-template\.txt:2:4: error unterminated-placeholder /,
      ),
      expect.stringMatching(/broken-template\.txt:3:1: error empty-placeholder /),
    ]);
    expect(result.stderr).toContain("2 errors, 0 warnings in 1 template");
  });

  it("exits 0 when there are only warnings", async () => {
    const result = await runCli([
      "lint",
      `${fixtures}/warning-template.txt`,
      `${fixtures}/valid-template.txt`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/warning-template\.txt:1:11: warning placeholder-whitespace /);
    expect(result.stdout).not.toContain("valid-template.txt");
  });

  it("checks --content and prints JSON findings with --json", async () => {
    const result = await runCli(["lint", "--json", "--content", "ok ${a.b}"]);
    expect(result.code).toBe(4);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(findings).toEqual([
      expect.objectContaining({
        file: "<content>",
        severity: "error",
        code: "invalid-variable-name",
        line: 1,
        column: 7,
      }),
    ]);
  });

  it("is a usage error with nothing to lint or a missing file", async () => {
    const nothing = await runCli(["lint"]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain("error: nothing to lint");
    const missing = await runCli(["lint", "no/such/file.txt"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe("error: cannot read no/such/file.txt: no such file");
  });
});
