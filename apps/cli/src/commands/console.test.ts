// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertNoSecret, runCli, spawnCli, waitForOutput } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let service: TestService;
let directory: string;

beforeAll(async () => {
  [service, directory] = await Promise.all([
    startTestService(),
    mkdtemp(join(tmpdir(), "promptmill-console-cli-")),
  ]);
  const client = new ModelStudioClient({
    endpoint: service.service.endpoint,
    credentials: service.key,
  });
  await client.createPromptTemplate({
    workspaceId: service.workspaceId,
    name: "console-cli-probe",
    content: "hello ${who}",
  });
});
afterAll(async () => {
  await service.close();
  await rm(directory, { recursive: true, force: true });
});

/** Starts `promptmill console`, waits for its line, and returns the URL and a way to stop it. */
async function startConsoleCommand(args: string[], env: Record<string, string> = {}) {
  const child = spawnCli(
    ["console", "--port", "0", "--work-dir", join(directory, "work"), ...args],
    {
      env: { ...service.env, ...env },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  const printed = await waitForOutput(child.stdout, "\n");
  const url = /^console: (\S+)$/m.exec(printed)?.[1] ?? "";
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      const code = await exited;
      assertNoSecret({ stdout, stderr }, service.env);
      return { code, stdout, stderr };
    },
  };
}

describe("promptmill console", () => {
  it("prints one line with the URL and its token, serves the CLI's workspace, and stops on SIGTERM", async () => {
    const running = await startConsoleCommand([]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    const origin = new URL(running.url).origin;

    expect((await fetch(`${origin}/`)).status).toBe(401);
    const page = await fetch(running.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The CLI's endpoint, workspace and credentials reached the service: its template is listed.
    expect(html).toContain("console-cli-probe");
    expect(html).toContain(service.workspaceId);
    expect(html).not.toContain(service.key.accessKeySecret);

    const { code, stdout, stderr } = await running.stop();
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([`console: ${running.url}`]);
    expect(stderr).toContain("stopping the console");
  });

  it("--open hands the browser a private file that forwards to the URL, not the token itself", async () => {
    const record = join(directory, "browser-argument.txt");
    const browser = join(directory, "fake-browser.sh");
    await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > "${record}"\n`);
    await chmod(browser, 0o755);
    const running = await startConsoleCommand(["--open"], { BROWSER: browser });
    let argument = "";
    for (let attempt = 0; attempt < 100 && argument === ""; attempt++) {
      argument = await readFile(record, "utf8").catch(() => "");
      if (argument === "") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const token = new URL(running.url).searchParams.get("token") ?? "";
    expect(argument).not.toContain(token);
    const launcher = await readFile(argument, "utf8");
    expect(launcher).toContain(`url=${running.url}`);
    expect((await running.stop()).code).toBe(0);
  });

  it("needs a workspace, like every command that talks to the service", async () => {
    const result = await runCli(["console"], {
      env: { ...service.env, PROMPTMILL_WORKSPACE: undefined },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no workspace");
    expect(result.stdout).toBe("");
  });
});
