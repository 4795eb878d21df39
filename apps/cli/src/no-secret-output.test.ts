// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli, spawnCli, waitForOutput } from "./__test__/run-cli.js";
import { startTestService, type TestService } from "./__test__/test-service.js";

const SECRET = "KnownSecret-must-never-appear-0123456789";

let test: TestService;
let directory: string;
let id: string;
let from: string;
let to: string;

beforeAll(async () => {
  test = await startTestService({ workspaces: 2, accessKeySecret: SECRET });
  [from = "", to = ""] = test.key.workspaces;
  directory = await mkdtemp(join(tmpdir(), "promptmill-secret-"));
  const client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  id = (
    await client.createPromptTemplate({
      workspaceId: from,
      name: "secret test",
      content: "Hello ${who}",
    })
  ).promptTemplateId;
});
afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

function expectClean(result: CliResult, label: string): void {
  expect(result.stdout, `${label} stdout`).not.toContain(SECRET);
  expect(result.stderr, `${label} stderr`).not.toContain(SECRET);
}

describe("no command prints the configured secret", () => {
  // Every run in this suite checks its output for the configured secret (runCli). These runs add
  // the paths that print the most: each command once with --verbose, errors with their details.
  it("holds for every command with --verbose, on success and on error", async () => {
    const csv = join(directory, "templates.csv");
    await copyFile(join(import.meta.dirname, "commands", "__fixtures__", "import-sample.csv"), csv);
    const runs: string[][] = [
      ["create", "--name", "another", "--content", "Hi ${name}", "--verbose"],
      ["get", "ffffffffffffffffffffffffffffffff", "--verbose"],
      ["update", id, "--name", "renamed", "--verbose"],
      ["list", "--workspace", "llm-notmine0000000000", "--verbose"],
      ["render", "--name", "missing name", "--verbose"],
      ["vars", id, "--json", "--verbose"],
      ["lint", "--content", "${a b}", "--verbose"],
      ["import", csv, "--verbose"],
      ["export", "--verbose"],
      [
        "migrate",
        "--from-workspace",
        from,
        "--to-workspace",
        to,
        "--work-dir",
        directory,
        "--dry-run",
        "--verbose",
      ],
      ["typegen", "--verbose"],
    ];
    // Two at a time: the machine has two cores and each run is mostly CPU.
    for (let index = 0; index < runs.length; index += 2) {
      const batch = runs.slice(index, index + 2);
      const results = await Promise.all(batch.map((args) => runCli(args, { env: test.env })));
      for (const [position, result] of results.entries()) {
        expectClean(result, batch[position]?.join(" ") ?? "");
      }
    }
    const deleted = await runCli(["delete", id, "--json", "--verbose"], { env: test.env });
    expect(deleted.code).toBe(0);
    expectClean(deleted, "delete");

    // The service knows another secret: a signature error, with every detail --verbose prints.
    const wrongKey = await runCli(["list", "--verbose"], {
      env: { ...test.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: `${SECRET}-wrong` },
    });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain("SignatureDoesNotMatch");
    expectClean(wrongKey, "list with a wrong secret");
    expect(wrongKey.stderr).not.toContain(`${SECRET}-wrong`);
  });

  it("holds for serve with the secret in --keys and for the help texts", async () => {
    const keys = JSON.stringify([test.key]);
    const child = spawnCli([
      "serve",
      "--port",
      "0",
      "--data",
      join(directory, "serve.sqlite"),
      "--keys",
      keys,
      "--verbose",
    ]);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on("close", (code) => resolve(code)),
    );
    const stdout = await waitForOutput(child.stdout, "ready on ");
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expectClean({ code: 0, signal: null, stdout, stderr }, "serve");

    const help = await runCli(["import", "--help"], { env: test.env });
    expect(help.code).toBe(0);
    expectClean(help, "help");
  });
});
