// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runCli } from "./__test__/run-cli.js";

// The conventions of a command-line tool, on the real program.
describe("promptmill", () => {
  it("prints its package's version", async () => {
    const { version } = JSON.parse(
      await readFile(new URL("../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("lists the global options in every command's --help, and the exit codes in its own", async () => {
    const list = await runCli(["list", "--help"]);
    expect(list.stdout).toContain("Global Options:");
    for (const option of [
      "--endpoint <url>",
      "--region <region>",
      "--profile <name>",
      "--no-color",
    ]) {
      expect(list.stdout).toContain(option);
    }
    const top = await runCli(["--help"]);
    expect(top.stdout).toMatch(
      /Exit codes: 0 ok, 1 usage or system, 2 API error, 3 .*130 interrupted\./,
    );
  });

  it("colours errors with FORCE_COLOR even into a pipe, and never with --no-color", async () => {
    const forced = await runCli(["render", "--content", "${x}"], { env: { FORCE_COLOR: "1" } });
    expect(forced.code).toBe(4);
    expect(forced.stderr).toContain("\u001b[31m");
    const off = await runCli(["render", "--content", "${x}", "--no-color"], {
      env: { FORCE_COLOR: "1" },
    });
    expect(off.stderr).not.toContain("\u001b[");
    const zero = await runCli(["render", "--content", "${x}"], { env: { FORCE_COLOR: "0" } });
    expect(zero.stderr).not.toContain("\u001b[");
    // The suite's default (NO_COLOR=1, a pipe): no colour.
    const plain = await runCli(["render", "--content", "${x}"]);
    expect(plain.stderr).toBe("error: no value for x (pass --var x=…, or --mode lenient|keep)\n");
  });
});
