// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { CLI_BIN, cliEnvironment, runCli, spawnCli, waitForOutput } from "../__test__/run-cli.js";

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "promptmill-serve-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

function exportsOf(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((match) => [
      match[1] ?? "",
      match[2] ?? "",
    ]),
  );
}

describe("promptmill serve", () => {
  it("prints export lines and a ready line, answers signed requests, and stops cleanly on SIGTERM", async () => {
    const child = spawnCli([
      "serve",
      "--port",
      "0",
      "--data",
      join(directory, "nested", "local.sqlite"),
    ]);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on("close", (code) => resolve(code)),
    );
    const printed = await waitForOutput(child.stdout, "ready on ");
    const variables = exportsOf(printed);
    expect(variables.PROMPTMILL_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(variables.PROMPTMILL_WORKSPACE).toMatch(/^llm-[a-z0-9]{16}$/);
    expect(printed).toContain(`ready on ${variables.PROMPTMILL_ENDPOINT}`);

    const client = new ModelStudioClient({
      endpoint: variables.PROMPTMILL_ENDPOINT,
      credentials: {
        accessKeyId: variables.ALIBABA_CLOUD_ACCESS_KEY_ID ?? "",
        accessKeySecret: variables.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? "",
      },
    });
    const workspaceId = variables.PROMPTMILL_WORKSPACE ?? "";
    const { promptTemplateId } = await client.createPromptTemplate({
      workspaceId,
      name: "served",
      content: "hi ${x}",
    });
    const stored = await client.getPromptTemplate({ workspaceId, promptTemplateId });
    expect(stored.variables).toEqual(["x"]);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("stopped");
  });

  it("prints one JSON object with --json once it listens", async () => {
    const child = spawnCli([
      "serve",
      "--port",
      "0",
      "--data",
      join(directory, "json.sqlite"),
      "--json",
    ]);
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.on("close", (code) => resolve(code)),
    );
    const printed = await waitForOutput(child.stdout, "\n}\n");
    const info = JSON.parse(printed) as Record<string, unknown>;
    expect(info).toMatchObject({
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      workspaceIds: [expect.stringMatching(/^llm-/)],
      developmentKey: expect.objectContaining({ accessKeyId: expect.stringMatching(/^LTAI/) }),
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("keeps the secrets of --keys to itself and refuses keys it cannot read", async () => {
    const secret = "serve-test-secret-never-printed-42";
    const keys = JSON.stringify([
      {
        accessKeyId: "LTAIservetest",
        accessKeySecret: secret,
        workspaces: ["llm-servetest0000001"],
      },
    ]);
    const child = spawnCli([
      "serve",
      "--port",
      "0",
      "--data",
      join(directory, "keys.sqlite"),
      "--keys",
      keys,
    ]);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on("close", (code) => resolve(code)),
    );
    const printed = await waitForOutput(child.stdout, "ready on ");
    expect(exportsOf(printed)).toMatchObject({
      PROMPTMILL_WORKSPACE: "llm-servetest0000001",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIservetest",
    });
    expect(printed).not.toContain(secret);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(secret);

    const broken = await runCli([
      "serve",
      "--port",
      "0",
      "--keys",
      `[{"accessKeyId": "x", "accessKeySecret": "${secret}"`,
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("error: --keys is not valid JSON");
    expect(broken.stderr).not.toContain(secret);
  });

  it("says plainly that the port is in use, or that --data is a directory (exit 1)", async () => {
    const { createServer } = await import("node:net");
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const inUse = await runCli([
      "serve",
      "--port",
      String(port),
      "--data",
      join(directory, "p.sqlite"),
    ]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toBe(
      `error: cannot listen on 127.0.0.1:${port}: the port is already in use by another program (pick another with --port, or --port 0 for any free one)\n`,
    );
    const dataDir = await runCli(["serve", "--port", "0", "--data", directory]);
    expect(dataDir.code).toBe(1);
    expect(dataDir.stderr).toBe(
      `error: cannot open the database ${directory}: it is a directory (--data takes a file, e.g. DIR/local.sqlite)\n`,
    );
  });

  it("is promptmill-server: the same flags, the same banner, the same help", async () => {
    const server = fileURLToPath(
      new URL("../../../server/bin/promptmill-server.js", import.meta.url),
    );
    const data = join(directory, "same.sqlite");
    const config = join(directory, "same.json");
    await writeFile(config, JSON.stringify({ settings: { uniqueNames: true } }));
    const args = ["--port", "0", "--data", data, "--config", config, "--log-format", "json"];
    const banners: string[] = [];
    for (const command of [
      [CLI_BIN, "serve", ...args],
      [server, ...args],
    ]) {
      const child = spawn(process.execPath, command, {
        env: cliEnvironment(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      onTestFinished(() => {
        if (child.exitCode === null) child.kill("SIGKILL");
      });
      child.stderr.resume();
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      banners.push(await waitForOutput(child.stdout, "ready on "));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
    // The same data file: the same development key and workspace; only the port differs.
    const [cli, standalone] = banners.map((banner) => banner.replace(/:\d+/g, ":PORT"));
    expect(cli).toBe(standalone);
    expect(cli).toContain("# data: ");

    const help = await runCli(["serve", "--help"]);
    expect(help.code).toBe(0);
    for (const flag of [
      "--port",
      "--data",
      "--database <url>",
      "--workers <n>",
      "--config",
      "--keys",
      "--faults",
      "--log-format",
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });
});
