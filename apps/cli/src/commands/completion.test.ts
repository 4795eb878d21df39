// biome-ignore-all lint/suspicious/noTemplateCurlyInString: bash's ${…} syntax, on purpose.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";

const run = promisify(execFile);
let directory: string;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "promptmill-completion-"));
});

/** Runs `promptmill completion SHELL` for each shell (inside a test: runCli watches the child). */
async function generateScripts(): Promise<void> {
  for (const shell of ["bash", "zsh", "fish"]) {
    if (scripts[shell] !== undefined) continue;
    const result = await runCli(["completion", shell]);
    expect(result.code).toBe(0);
    scripts[shell] = result.stdout;
  }
}
afterAll(() => rm(directory, { recursive: true, force: true }));

/** Loads the bash script and asks it to complete `words` (the cursor after the last). */
async function bashComplete(words: string[]): Promise<string[]> {
  const script = join(directory, "promptmill.bash");
  await writeFile(script, scripts.bash ?? "");
  const program = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(${words.map((word) => JSON.stringify(word)).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    "_promptmill",
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join("\n");
  const { stdout } = await run("bash", ["-c", program], { cwd: directory });
  return stdout.split("\n").filter((line) => line !== "");
}

describe("promptmill completion", () => {
  it("prints a bash script that loads (bash -n) and completes commands, options and values", async () => {
    await generateScripts();
    const script = join(directory, "check.bash");
    await writeFile(script, scripts.bash ?? "");
    await run("bash", ["-n", script]);
    expect(await bashComplete(["promptmill", "sn"])).toEqual(["snapshot"]);
    expect(await bashComplete(["promptmill", "list", "--ty"])).toEqual(["--type"]);
    expect(await bashComplete(["promptmill", "list", "--type", ""])).toEqual(["System", "Custom"]);
    expect(await bashComplete(["promptmill", "--workspace", "w", "list", "--output", "t"])).toEqual(
      ["table", "tsv"],
    );
    // Global options complete after the command too, and serve's own flags are known.
    expect(await bashComplete(["promptmill", "render", "--verb"])).toEqual(["--verbose"]);
    expect(await bashComplete(["promptmill", "serve", "--datab"])).toEqual(["--database"]);
    await writeFile(join(directory, "values.json"), "{}");
    expect(await bashComplete(["promptmill", "render", "--vars-file", "val"])).toEqual([
      "values.json",
    ]);
  });

  it("prints zsh and fish scripts made from the same command tree", async () => {
    await generateScripts();
    for (const shell of ["zsh", "fish"]) {
      const script = scripts[shell] ?? "";
      for (const command of ["create", "list", "render", "snapshot", "completion", "serve"]) {
        expect(script).toContain(command);
      }
      expect(script).toContain("allow-duplicate-name");
      expect(script).toContain("tsv");
    }
    expect(scripts.zsh).toMatch(/^#compdef promptmill\n/);
    expect(scripts.fish).toContain("complete -c promptmill");
    // The shells themselves check the syntax where they are installed (not on every machine).
    for (const shell of ["zsh", "fish"]) {
      const found = await run("sh", ["-c", `command -v ${shell}`]).catch(() => undefined);
      if (found === undefined) continue;
      const file = join(directory, `check.${shell}`);
      await writeFile(file, scripts[shell] ?? "");
      await run(shell, ["-n", file]);
    }
  });

  it("refuses a shell it does not know", async () => {
    const result = await runCli(["completion", "powershell"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("expected one of bash, zsh, fish");
  });
});
