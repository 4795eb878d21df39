import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const launcher = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "promptmill-server.js");

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "promptmill-server-test-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Starting a program through tsx takes a second or two; more on a busy machine.
const PROGRAM_TIMEOUT_MS = 30_000;

const running = new Set<Program>();
afterEach(() => {
  for (const program of running) program.kill("SIGKILL");
  running.clear();
});

type Program = ChildProcessByStdio<null, Readable, Readable>;

function startProgram(
  env: Record<string, string>,
  args: string[] = [],
  { quiet = true } = {},
): Program {
  const program = spawn(process.execPath, [launcher, ...(quiet ? ["--quiet"] : []), ...args], {
    cwd: directory,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(program);
  program.once("exit", () => running.delete(program));
  return program;
}

/** Everything printed up to and including the `ready on` line. */
function readyOutput(program: Program): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    let errors = "";
    program.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (/^ready on http:\/\/\S+$/m.test(output)) resolve(output);
    });
    program.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      errors += chunk;
    });
    program.once("exit", (code) => reject(new Error(`exited ${code} before ready: ${errors}`)));
  });
}

function exitCode(program: Program): Promise<number | null> {
  return new Promise((resolve) => program.once("exit", (code) => resolve(code)));
}

function exported(output: string, name: string): string {
  const match = new RegExp(`^export ${name}=(.*)$`, "m").exec(output);
  if (!match?.[1]) throw new Error(`no ${name} in:\n${output}`);
  return match[1];
}

/**
 * This app does not depend on @promptmill/core, so the test signs by hand, from Alibaba
 * Cloud's V3 description, for a query that needs no escaping: an independent second
 * implementation the program must accept.
 */
function signedHeaders(
  key: { accessKeyId: string; accessKeySecret: string },
  host: string,
  path: string,
  canonicalQuery: string,
): Record<string, string> {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const headers: Record<string, string> = {
    host,
    "x-acs-action": "CreatePromptTemplate",
    "x-acs-content-sha256": sha256(""),
    "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": randomBytes(16).toString("hex"),
    "x-acs-version": "2023-12-29",
  };
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    "POST",
    path,
    canonicalQuery,
    names.map((name) => `${name}:${headers[name]}\n`).join(""),
    names.join(";"),
    sha256(""),
  ].join("\n");
  const signature = createHmac("sha256", key.accessKeySecret)
    .update(`ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`)
    .digest("hex");
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `ACS3-HMAC-SHA256 Credential=${key.accessKeyId},SignedHeaders=${names.join(";")},Signature=${signature}`,
  };
}

describe("promptmill-server", () => {
  it("prints the endpoint and development key, answers a signed request, and exits 0 on SIGTERM", {
    timeout: PROGRAM_TIMEOUT_MS,
  }, async () => {
    const program = startProgram({
      PROMPTMILL_PORT: "0",
      PROMPTMILL_DATA: join(directory, "data", "local.sqlite"),
    });
    const exited = exitCode(program);
    const output = await readyOutput(program);

    const endpoint = exported(output, "PROMPTMILL_ENDPOINT");
    const workspaceId = exported(output, "PROMPTMILL_WORKSPACE");
    const key = {
      accessKeyId: exported(output, "ALIBABA_CLOUD_ACCESS_KEY_ID"),
      accessKeySecret: exported(output, "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
    };
    expect(output).toContain(`ready on ${endpoint}`);
    expect(workspaceId).toMatch(/^llm-[a-z0-9]{16}$/);

    const path = `/${workspaceId}/promptTemplates`;
    const response = await fetch(`${endpoint}${path}?content=hello&name=from-the-program-test`, {
      method: "POST",
      headers: signedHeaders(
        key,
        new URL(endpoint).host,
        path,
        "content=hello&name=from-the-program-test",
      ),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { promptTemplateId: string }).promptTemplateId).toMatch(
      /^[0-9a-f]{32}$/,
    );

    program.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("uses configured keys and prints no secret", { timeout: PROGRAM_TIMEOUT_MS }, async () => {
    const keys = JSON.stringify([
      {
        accessKeyId: "configured",
        accessKeySecret: "do-not-print-me",
        workspaces: ["llm-configured000000"],
      },
    ]);
    const program = startProgram(
      { PROMPTMILL_ACCESS_KEYS: keys, PROMPTMILL_DATA: join(directory, "configured.sqlite") },
      ["--port", "0"],
    );
    const exited = exitCode(program);
    const output = await readyOutput(program);
    expect(exported(output, "PROMPTMILL_WORKSPACE")).toBe("llm-configured000000");
    expect(output).not.toContain("do-not-print-me");
    expect(output).not.toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    program.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("logs one JSON object a request with --log-format json, control characters escaped", {
    timeout: PROGRAM_TIMEOUT_MS,
  }, async () => {
    const program = startProgram(
      { PROMPTMILL_DATA: join(directory, "json-log.sqlite") },
      ["--port", "0", "--log-format", "json"],
      { quiet: false },
    );
    let errors = "";
    program.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      errors += chunk;
    });
    const exited = exitCode(program);
    const endpoint = exported(await readyOutput(program), "PROMPTMILL_ENDPOINT");
    // A path that would forge a second log line and colour the terminal if written raw.
    const forged = "/x%0APOST%20/forged%20200%0A%1B[31mred";
    expect((await fetch(`${endpoint}${forged}`)).status).toBe(404);
    program.kill("SIGTERM");
    expect(await exited).toBe(0);

    const logLines = errors.split("\n").filter((line) => line.startsWith("{"));
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0] as string)).toMatchObject({ method: "GET", status: 404 });
    expect(errors).not.toContain("\u001b");
    expect(errors.split("\n").filter((line) => line.includes("forged"))).toHaveLength(1);
  });

  it("refuses bad options with exit 1 and without echoing them", {
    timeout: PROGRAM_TIMEOUT_MS,
  }, async () => {
    const broken = startProgram(
      { PROMPTMILL_ACCESS_KEYS: '[{"accessKeySecret":"do-not-print-me"' },
      ["--port", "0"],
    );
    let errors = "";
    broken.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      errors += chunk;
    });
    expect(await exitCode(broken)).toBe(1);
    expect(errors).toContain("PROMPTMILL_ACCESS_KEYS is not valid JSON");
    expect(errors).not.toContain("do-not-print-me");
  });

  it("takes access keys with --keys, as promptmill serve does", {
    timeout: PROGRAM_TIMEOUT_MS,
  }, async () => {
    const keys = JSON.stringify([
      {
        accessKeyId: "flagged",
        accessKeySecret: "never-print-this",
        workspaces: ["llm-flagged0000000000"],
      },
    ]);
    const program = startProgram({}, [
      "--port",
      "0",
      "--data",
      join(directory, "keys.sqlite"),
      "--keys",
      keys,
    ]);
    const exited = exitCode(program);
    const output = await readyOutput(program);
    expect(exported(output, "ALIBABA_CLOUD_ACCESS_KEY_ID")).toBe("flagged");
    expect(output).not.toContain("never-print-this");
    program.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("serves from several processes on one port with --workers, and stops them all", {
    timeout: PROGRAM_TIMEOUT_MS * 2,
  }, async () => {
    const program = startProgram({ PROMPTMILL_DATA: join(directory, "workers.sqlite") }, [
      "--port",
      "0",
      "--workers",
      "2",
    ]);
    const exited = exitCode(program);
    const output = await readyOutput(program);
    expect(output).toContain("# 2 service processes on one port");
    const endpoint = exported(output, "PROMPTMILL_ENDPOINT");
    const key = {
      accessKeyId: exported(output, "ALIBABA_CLOUD_ACCESS_KEY_ID"),
      accessKeySecret: exported(output, "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
    };
    const path = `/${exported(output, "PROMPTMILL_WORKSPACE")}/promptTemplates`;
    for (let i = 0; i < 4; i++) {
      const query = `content=hello&name=worker-${i}`;
      const response = await fetch(`${endpoint}${path}?${query}`, {
        method: "POST",
        headers: signedHeaders(key, new URL(endpoint).host, path, query),
      });
      expect(response.status).toBe(200);
    }
    program.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses a --database that is not PostgreSQL without printing its password", {
    timeout: PROGRAM_TIMEOUT_MS,
  }, async () => {
    const program = startProgram({}, ["--port", "0", "--database", "mysql://app:s3cret-pass@db/x"]);
    let errors = "";
    program.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      errors += chunk;
    });
    expect(await exitCode(program)).toBe(1);
    expect(errors).toContain("--database must be a PostgreSQL URL");
    expect(errors).not.toContain("s3cret-pass");
  });
});
