// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
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

  it("refuses a binary file and bytes that are not UTF-8 instead of passing them (exit 1)", async () => {
    const directory = await mkdtemp(join(tmpdir(), "promptmill-lint-"));
    onTestFinished(() => rm(directory, { recursive: true, force: true }));
    const binary = join(directory, "random.bin");
    await writeFile(
      binary,
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), randomBytes(2048)]),
    );
    const fromBinary = await runCli(["lint", `${fixtures}/valid-template.txt`, binary]);
    expect(fromBinary.code).toBe(1);
    expect(fromBinary.stderr).toBe(
      `error: cannot read ${binary}: a NUL byte at byte offset 4: a binary file, not text\n`,
    );
    const fromStdin = await runCli(["lint", "-"], { input: "ok ${a}\n\u00ff" });
    expect(fromStdin.code).toBe(0);
    const invalid = join(directory, "cp1252.txt");
    await writeFile(invalid, Buffer.from([0x48, 0x69, 0x20, 0x93, 0x24, 0x7b, 0x61, 0x7d, 0x94]));
    const fromInvalid = await runCli(["lint", invalid]);
    expect(fromInvalid.code).toBe(1);
    expect(fromInvalid.stderr).toContain("not UTF-8 text: byte 0x93 at byte offset 3");
  });
});
