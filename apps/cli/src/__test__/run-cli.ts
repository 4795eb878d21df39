import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loopbackOnlyNodeOptions } from "@promptmill/test-support/loopback-only";
import { onTestFinished } from "vitest";

export const CLI_BIN = fileURLToPath(new URL("../../bin/promptmill.js", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
}

// A home directory of its own, so no test reads the developer's ~/.aliyun or ~/.alibabacloud.
const isolatedHome = mkdtempSync(join(tmpdir(), "promptmill-cli-home-"));
process.on("exit", () => rmSync(isolatedHome, { recursive: true, force: true }));

/**
 * The environment of a CLI run: nothing inherited but PATH (and the tsx cache location), so a
 * credential or endpoint set in the developer's shell cannot leak into a test. Every run is
 * kept on 127.0.0.1 by a preload: a region's real endpoint, an STS or metadata address fail
 * as they would offline, so a test can show what the CLI would call without calling it.
 */
export function cliEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: isolatedHome,
    TMPDIR: process.env.TMPDIR,
    NO_COLOR: "1",
    NODE_OPTIONS: loopbackOnlyNodeOptions(),
  };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Starts `node bin/promptmill.js …` and returns the child, for tests that signal it. */
export function spawnCli(args: readonly string[], options: RunOptions = {}) {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cliEnvironment(options.env),
    stdio: ["pipe", "pipe", "pipe"],
  });
  // A test that fails half-way must not leave a `serve` running after the suite.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return child;
}

const SECRET_VARIABLES = ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"];

/**
 * Fails the test when the output holds a secret the run was configured with. Every run of the
 * suite goes through it, so each command is checked on every path the tests take.
 */
export function assertNoSecret(
  result: Pick<CliResult, "stdout" | "stderr">,
  env: RunOptions["env"],
): void {
  for (const variable of SECRET_VARIABLES) {
    const secret = env?.[variable];
    if (secret && (result.stdout.includes(secret) || result.stderr.includes(secret))) {
      throw new Error(`the CLI printed the value of ${variable}`);
    }
  }
}

/** Runs the CLI as a user would, to completion, and checks that it printed no configured secret. */
export async function runCli(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliResult> {
  const result = await runToCompletion(args, options);
  assertNoSecret(result, options.env);
  return result;
}

function runToCompletion(args: readonly string[], options: RunOptions): Promise<CliResult> {
  const child = spawnCli(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves once `text` appears in what the stream has printed so far. */
export function waitForOutput(stream: NodeJS.ReadableStream, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        stream.off("data", onData);
        resolve(seen);
      }
    };
    stream.on("data", onData);
    stream.once("end", () => reject(new Error(`stream ended before "${text}"; saw:\n${seen}`)));
  });
}
